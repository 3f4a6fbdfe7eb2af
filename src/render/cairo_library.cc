#include "render/cairo_library.h"

#include <dlfcn.h>

#include <mutex>
#include <string>

namespace stackshot {
namespace {

CairoLibrary library;
Status load_status = Status::Ok();
std::once_flag loaded;

Status Load() {
  void* handle = ::dlopen("libcairo.so.2", RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* error = ::dlerror();
    return NotFoundError(std::string("cannot open Cairo (libcairo.so.2), needed for shapes and vectors: ") +
                         (error ? error : "unknown error"));
  }
#define STACKSHOT_CAIRO_RESOLVE(name)                                                                      \
  library.name = reinterpret_cast<decltype(library.name)>(::dlsym(handle, "cairo_" #name));                \
  if (library.name == nullptr) return NotFoundError("libcairo.so.2 has no function cairo_" #name);
  STACKSHOT_CAIRO_FUNCTIONS(STACKSHOT_CAIRO_RESOLVE)
#undef STACKSHOT_CAIRO_RESOLVE
  return Status::Ok();
}

}  // namespace

Result<const CairoLibrary*> LoadCairo() {
  std::call_once(loaded, [] { load_status = Load(); });
  if (!load_status.ok()) return load_status;
  return &library;
}

const CairoLibrary& Cairo() { return library; }

}  // namespace stackshot
