#include "layers/points/points_appearance.h"

#include <utility>

#include "nd/nearest_names.h"

namespace stackshot {
namespace {

constexpr std::pair<const char*, PointSymbol> kAliases[] = {
    {"o", PointSymbol::kDisc},          {"*", PointSymbol::kStar},         {"+", PointSymbol::kCross},
    {"-", PointSymbol::kHbar},          {"->", PointSymbol::kTailedArrow}, {">", PointSymbol::kArrow},
    {"^", PointSymbol::kTriangleUp},    {"v", PointSymbol::kTriangleDown}, {"s", PointSymbol::kSquare},
    {"|", PointSymbol::kVbar},
};

}  // namespace

const char* PointSymbolName(PointSymbol symbol) {
  switch (symbol) {
    case PointSymbol::kArrow: return "arrow";
    case PointSymbol::kClobber: return "clobber";
    case PointSymbol::kCross: return "cross";
    case PointSymbol::kDiamond: return "diamond";
    case PointSymbol::kDisc: return "disc";
    case PointSymbol::kHbar: return "hbar";
    case PointSymbol::kRing: return "ring";
    case PointSymbol::kSquare: return "square";
    case PointSymbol::kStar: return "star";
    case PointSymbol::kTailedArrow: return "tailed_arrow";
    case PointSymbol::kTriangleDown: return "triangle_down";
    case PointSymbol::kTriangleUp: return "triangle_up";
    case PointSymbol::kVbar: return "vbar";
    case PointSymbol::kX: return "x";
  }
  return "unknown";
}

std::vector<PointSymbol> AllPointSymbols() {
  std::vector<PointSymbol> all;
  for (int i = 0; i <= static_cast<int>(PointSymbol::kX); ++i) all.push_back(static_cast<PointSymbol>(i));
  return all;
}

Result<PointSymbol> ParsePointSymbol(const std::string& name) {
  std::vector<std::string> names;
  for (PointSymbol symbol : AllPointSymbols()) {
    if (name == PointSymbolName(symbol)) return symbol;
    names.emplace_back(PointSymbolName(symbol));
  }
  for (const auto& [alias, symbol] : kAliases) {
    if (name == alias) return symbol;
  }
  // napari's display names use spaces ("triangle up").
  std::string underscored = name;
  for (char& c : underscored) c = c == ' ' ? '_' : c;
  if (underscored != name) return ParsePointSymbol(underscored);
  return InvalidArgumentError("unknown symbol '" + name + "' (" + SuggestNames(name, names) + ")");
}

std::vector<Rgba> DefaultColorCycle() {
  // matplotlib's tab10, napari's default categorical cycle.
  constexpr unsigned kHex[] = {0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd,
                               0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf};
  std::vector<Rgba> cycle;
  for (unsigned hex : kHex) {
    cycle.push_back({static_cast<float>((hex >> 16) & 0xff) / 255.0f, static_cast<float>((hex >> 8) & 0xff) / 255.0f,
                     static_cast<float>(hex & 0xff) / 255.0f, 1.0f});
  }
  return cycle;
}

Status CheckPerPointCounts(const PointsAppearance& style, int64_t points) {
  auto check = [points](size_t count, const char* what) {
    if (count == 0 || static_cast<int64_t>(count) == points) return Status::Ok();
    return InvalidArgumentError(std::string(what) + " has " + std::to_string(count) + " values for " +
                                std::to_string(points) + " points");
  };
  RETURN_IF_ERROR(check(style.border_widths.size(), "border_width"));
  return check(style.symbols.size(), "symbol");
}

Status CheckPointColor(const PointColor& color, const PointsData& data, const std::string& what) {
  switch (color.mode) {
    case PointColor::Mode::kDirect:
      if (!color.per_point.empty() && static_cast<int64_t>(color.per_point.size()) != data.size()) {
        return InvalidArgumentError(what + ": " + std::to_string(color.per_point.size()) + " colours for " +
                                    std::to_string(data.size()) + " points");
      }
      return Status::Ok();
    case PointColor::Mode::kCycle:
    case PointColor::Mode::kColormap: {
      const PointsFeature* feature = data.FindFeature(color.feature);
      if (!feature) {
        std::vector<std::string> names;
        for (const auto& f : data.features) names.push_back(f.name);
        return InvalidArgumentError(what + ": no feature '" + color.feature + "' (" +
                                    (names.empty() ? std::string("the data has no features")
                                                   : SuggestNames(color.feature, names)) + ")");
      }
      if (color.mode == PointColor::Mode::kCycle && color.cycle.empty()) {
        return InvalidArgumentError(what + ": an empty colour cycle");
      }
      if (color.mode == PointColor::Mode::kColormap && !feature->numeric) {
        return InvalidArgumentError(what + ": feature '" + color.feature +
                                    "' is categorical; a colormap needs numbers (use a cycle)");
      }
      return Status::Ok();
    }
  }
  return Status::Ok();
}

}  // namespace stackshot
