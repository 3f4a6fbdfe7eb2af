#include "workers/worker_signals.h"

#include <cxxabi.h>

#include <cstdlib>
#include <memory>

#include "nd/nearest_names.h"

namespace stackshot {

namespace worker_detail {

std::string TypeName(std::type_index type) {
  int status = 0;
  std::unique_ptr<char, void (*)(void*)> name(abi::__cxa_demangle(type.name(), nullptr, nullptr, &status), std::free);
  return status == 0 && name ? std::string(name.get()) : std::string(type.name());
}

}  // namespace worker_detail

WorkerSignals::WorkerSignals() {
  Register("started", started);
  Register("finished", finished);
  Register("errored", errored);
  Register("warned", warned);
}

WorkerSignals::~WorkerSignals() = default;

Status WorkerSignals::Connect(const std::string& name, const WorkerCallback& callback) {
  auto it = binders_.find(name);
  if (it == binders_.end()) {
    return InvalidArgumentError("unknown signal '" + name + "' (" + SuggestNames(name, names()) + ")");
  }
  return it->second(callback);
}

std::vector<std::string> WorkerSignals::names() const {
  std::vector<std::string> out;
  for (const auto& [name, binder] : binders_) out.push_back(name);
  return out;
}


}  // namespace stackshot
