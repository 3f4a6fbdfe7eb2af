#include "layers/layer.h"

#include <utility>
#include <vector>

#include "nd/nearest_names.h"

namespace stackshot {

namespace {

constexpr Blending kAllBlendings[] = {Blending::kOpaque, Blending::kTranslucent,
                                      Blending::kTranslucentNoDepth, Blending::kAdditive,
                                      Blending::kMinimum};

}  // namespace

const char* BlendingName(Blending blending) {
  switch (blending) {
    case Blending::kOpaque: return "opaque";
    case Blending::kTranslucent: return "translucent";
    case Blending::kTranslucentNoDepth: return "translucent_no_depth";
    case Blending::kAdditive: return "additive";
    case Blending::kMinimum: return "minimum";
  }
  return "unknown";
}

Result<Blending> ParseBlending(const std::string& name) {
  std::vector<std::string> names;
  for (Blending blending : kAllBlendings) {
    if (name == BlendingName(blending)) return blending;
    names.emplace_back(BlendingName(blending));
  }
  return InvalidArgumentError("unknown blending '" + name + "' (" + SuggestNames(name, names) + ")");
}

Layer::Layer(std::string name, Affine data_to_world)
    : name_(std::move(name)), data_to_world_(std::move(data_to_world)) {}

}  // namespace stackshot
