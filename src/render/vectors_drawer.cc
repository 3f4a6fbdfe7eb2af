#include "render/vectors_drawer.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

#include "render/cairo_surface.h"
#include "render/colormap.h"

namespace stackshot {
namespace {

// Where napari's arrow head starts, as a fraction of the drawn vector (length ×
// projection): the head covers its last quarter whatever `length` is.
constexpr double kArrowHeadStart = 0.75;
// The head's base is this many edge widths wide (napari's generate_meshes_arrow_2D
// puts its corners at twice the bar's half-width offset).
constexpr double kArrowHeadWidth = 2;

struct Point2 {
  double u, v;  // data column, data row
};

// The vector's polygons (one, or the arrow's bar and head with the same winding).
std::vector<std::vector<Point2>> VectorPolygons(Point2 start, Point2 projection, double length, double width,
                                                VectorStyle style) {
  const Point2 end = {start.u + length * projection.u, start.v + length * projection.v};
  const double du = end.u - start.u;
  const double dv = end.v - start.v;
  const double norm = std::hypot(du, dv);
  if (!(norm > 0)) return {};
  // napari's segment_normal, scaled to half the width.
  const double h = width / 2;
  const Point2 n = {-dv / norm * h, du / norm * h};
  auto at = [](Point2 p, Point2 offset, double k) { return Point2{p.u + k * offset.u, p.v + k * offset.v}; };
  switch (style) {
    case VectorStyle::kLine: return {{at(start, n, 1), at(end, n, 1), at(end, n, -1), at(start, n, -1)}};
    case VectorStyle::kTriangle: return {{at(start, n, 1), end, at(start, n, -1)}};
    case VectorStyle::kArrow: {
      const Point2 mid = {start.u + kArrowHeadStart * du, start.v + kArrowHeadStart * dv};
      std::vector<Point2> bar = {at(start, n, 1), at(mid, n, 1), at(mid, n, -1), at(start, n, -1)};
      std::vector<Point2> head = {at(mid, n, kArrowHeadWidth), end, at(mid, n, -kArrowHeadWidth)};
      // Same winding for both, so the non-zero fill is their union without a seam.
      auto area = [](const std::vector<Point2>& p) {
        double a = 0;
        for (size_t i = 0; i < p.size(); ++i) {
          const Point2& q = p[(i + 1) % p.size()];
          a += p[i].u * q.v - q.u * p[i].v;
        }
        return a;
      };
      if ((area(bar) < 0) != (area(head) < 0)) std::reverse(head.begin(), head.end());
      return {bar, head};
    }
  }
  return {};
}

}  // namespace

PainterResult PreparePainter(const FrameSpec& frame, const VectorsDrawItem& item, int /*threads*/) {
  ASSIGN_OR_RETURN(const std::optional<DisplayedAxes> axes, BeginCairoLayer(item, "vectors", CheckVectorsAppearance));
  if (!axes) return std::unique_ptr<LayerPainter>(new EmptyPainter());
  const auto& response = item.response;
  const VectorsData& data = *response->data;
  const VectorsAppearance& style = item.appearance;
  if (!response->alphas.empty() && response->alphas.size() != response->indices.size()) {
    return InternalError("vectors response with " + std::to_string(response->alphas.size()) + " alphas for " +
                         std::to_string(response->indices.size()) + " vectors");
  }
  const int row_axis = axes->row;
  const int col_axis = axes->col;
  std::optional<Colormap> colormap;
  if (!style.color_values.empty()) {
    ASSIGN_OR_RETURN(colormap, ResolveColormap(style.colormap));
  }

  const std::optional<cairo_matrix_t> frame_matrix = DataToFrameMatrix(response->plane_to_world, frame);
  if (!frame_matrix) return std::unique_ptr<LayerPainter>(new EmptyPainter());
  const cairo_matrix_t& to_screen = *frame_matrix;
  const double pad = style.edge_width * MaxStretch(to_screen) + 2;

  // The polygons of the vectors that reach the frame, and the box that holds them.
  struct Drawn {
    size_t k;  // position in response->indices
    std::vector<std::vector<Point2>> polygons;
  };
  std::vector<Drawn> drawn;
  ScreenBounds all;
  for (size_t k = 0; k < response->indices.size(); ++k) {
    const size_t i = static_cast<size_t>(response->indices[k]);
    const Point2 start = {data.position[col_axis][i], data.position[row_axis][i]};
    const Point2 projection = {data.projection[col_axis][i], data.projection[row_axis][i]};
    auto polygons = VectorPolygons(start, projection, style.length, style.edge_width, style.vector_style);
    if (polygons.empty()) continue;
    ScreenBounds bounds;
    for (const auto& polygon : polygons) {
      for (const Point2& p : polygon) {
        double x = p.u, y = p.v;
        Cairo().matrix_transform_point(&to_screen, &x, &y);
        bounds.Add(x, y);
      }
    }
    if (bounds.Box(pad, frame.width, frame.height).empty()) continue;
    for (const auto& polygon : polygons) {
      for (const Point2& p : polygon) {
        double x = p.u, y = p.v;
        Cairo().matrix_transform_point(&to_screen, &x, &y);
        all.Add(x - pad, y - pad);
        all.Add(x + pad, y + pad);
      }
    }
    drawn.push_back({k, std::move(polygons)});
  }
  const ScreenBox box = all.Box(0, frame.width, frame.height);
  if (drawn.empty() || box.empty()) return std::unique_ptr<LayerPainter>(new EmptyPainter());

  ASSIGN_OR_RETURN(CairoLayerContext drawing,
                   CairoLayerContext::Create(box, response->plane_to_world, frame, style.blending));
  cairo_t* cr = drawing.context();
  const bool opaque = style.blending == Blending::kOpaque;
  Cairo().set_fill_rule(cr, CAIRO_FILL_RULE_WINDING);
  const double lo = style.contrast_limits[0];
  const double hi = style.contrast_limits[1];
  for (const Drawn& d : drawn) {
    const size_t i = static_cast<size_t>(response->indices[d.k]);
    Rgba color;
    if (colormap) {
      const double t = hi > lo ? std::clamp((style.color_values[i] - lo) / (hi - lo), 0.0, 1.0) : 0.0;
      color = colormap->Map(static_cast<float>(t));
    } else {
      color = style.edge_color.size() == 1 ? style.edge_color[0] : style.edge_color[i];
    }
    const double alpha = response->alphas.empty() ? 1.0 : response->alphas[d.k];
    Cairo().set_source_rgba(cr, color[0], color[1], color[2], opaque ? 1.0 : color[3] * alpha * style.opacity);
    Cairo().new_path(cr);
    for (const auto& polygon : d.polygons) {
      Cairo().move_to(cr, polygon[0].u, polygon[0].v);
      for (size_t p = 1; p < polygon.size(); ++p) Cairo().line_to(cr, polygon[p].u, polygon[p].v);
      Cairo().close_path(cr);
    }
    Cairo().fill(cr);
  }
  return drawing.Finish();
}

}  // namespace stackshot
