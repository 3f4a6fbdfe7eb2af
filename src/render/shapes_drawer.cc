#include "render/shapes_drawer.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>
#include <vector>

#include "render/cairo_surface.h"

namespace stackshot {
namespace {

// napari's triangulate_ellipse: 100 angles over [0, 2π], the last equal to the
// first, so the outline is a 99-sided polygon.
constexpr int kEllipseSegments = 100;
// napari's generate_2D_edge_meshes switches from a miter to a bevel past this.
constexpr double kMiterLimit = 3.0;

struct Vertex {
  double row, col;
};

// The shape's outline in displayed data coordinates (u = col, v = row).
std::vector<Vertex> Outline(const ShapesData& data, int64_t shape, int row_axis, int col_axis) {
  const int64_t begin = data.offsets[shape];
  const int64_t end = data.offsets[shape + 1];
  std::vector<Vertex> corners;
  for (int64_t v = begin; v < end; ++v) {
    corners.push_back({data.columns[row_axis][static_cast<size_t>(v)], data.columns[col_axis][static_cast<size_t>(v)]});
  }
  if (data.types[shape] != ShapeType::kEllipse || corners.size() != 4) return corners;
  Vertex center = {0, 0};
  for (const Vertex& c : corners) {
    center.row += c.row;
    center.col += c.col;
  }
  center.row /= 4;
  center.col /= 4;
  const Vertex ax1 = {(corners[1].row - corners[0].row) / 2, (corners[1].col - corners[0].col) / 2};
  const Vertex ax2 = {(corners[2].row - corners[1].row) / 2, (corners[2].col - corners[1].col) / 2};
  std::vector<Vertex> outline;
  const double step = 2 * M_PI / (kEllipseSegments - 1);
  for (int k = 0; k < kEllipseSegments - 1; ++k) {
    const double c = std::cos(step * k);
    const double s = std::sin(step * k);
    outline.push_back({center.row + c * ax1.row + s * ax2.row, center.col + c * ax1.col + s * ax2.col});
  }
  return outline;
}

void SetColor(cairo_t* cr, const Rgba& color, double alpha_scale, bool opaque) {
  Cairo().set_source_rgba(cr, color[0], color[1], color[2], opaque ? 1.0 : color[3] * alpha_scale);
}

}  // namespace

PainterResult PreparePainter(const FrameSpec& frame, const ShapesDrawItem& item, int /*threads*/) {
  ASSIGN_OR_RETURN(const std::optional<DisplayedAxes> axes, BeginCairoLayer(item, "shapes", CheckShapesAppearance));
  if (!axes) return std::unique_ptr<LayerPainter>(new EmptyPainter());
  const auto& response = item.response;
  const ShapesData& data = *response->data;
  const ShapesAppearance& style = item.appearance;
  const int row_axis = axes->row;
  const int col_axis = axes->col;

  // Drawing order: ascending z_index, ties in data order.
  std::vector<int64_t> order = response->indices;
  std::stable_sort(order.begin(), order.end(),
                   [&](int64_t a, int64_t b) { return PerShape(style.z_index, a) < PerShape(style.z_index, b); });

  const std::optional<cairo_matrix_t> frame_matrix = DataToFrameMatrix(response->plane_to_world, frame);
  if (!frame_matrix) return std::unique_ptr<LayerPainter>(new EmptyPainter());
  const cairo_matrix_t& to_screen = *frame_matrix;
  const double stretch = MaxStretch(to_screen);

  // Outlines of the shapes that reach the frame, and the box that holds them.
  std::vector<std::pair<int64_t, std::vector<Vertex>>> shapes;
  ScreenBounds all;
  for (int64_t shape : order) {
    std::vector<Vertex> outline = Outline(data, shape, row_axis, col_axis);
    ScreenBounds bounds;
    for (const Vertex& v : outline) {
      double x = v.col, y = v.row;
      Cairo().matrix_transform_point(&to_screen, &x, &y);
      bounds.Add(x, y);
    }
    // A miter reaches kMiterLimit half-widths from the outline.
    const double pad = PerShape(style.edge_width, shape) * stretch * kMiterLimit / 2 + 2;
    if (bounds.Box(pad, frame.width, frame.height).empty()) continue;
    for (const Vertex& v : outline) {
      double x = v.col, y = v.row;
      Cairo().matrix_transform_point(&to_screen, &x, &y);
      all.Add(x - pad, y - pad);
      all.Add(x + pad, y + pad);
    }
    shapes.emplace_back(shape, std::move(outline));
  }
  const ScreenBox box = all.Box(0, frame.width, frame.height);
  if (shapes.empty() || box.empty()) return std::unique_ptr<LayerPainter>(new EmptyPainter());

  ASSIGN_OR_RETURN(CairoLayerContext drawing,
                   CairoLayerContext::Create(box, response->plane_to_world, frame, style.blending));
  cairo_t* cr = drawing.context();
  const bool opaque = style.blending == Blending::kOpaque;
  Cairo().set_line_join(cr, CAIRO_LINE_JOIN_MITER);
  Cairo().set_miter_limit(cr, kMiterLimit);
  Cairo().set_line_cap(cr, CAIRO_LINE_CAP_BUTT);

  for (const auto& [shape, outline] : shapes) {
    const ShapeType type = data.types[shape];
    const bool closed = IsClosedShape(type);
    Cairo().new_path(cr);
    Cairo().move_to(cr, outline[0].col, outline[0].row);
    for (size_t k = 1; k < outline.size(); ++k) Cairo().line_to(cr, outline[k].col, outline[k].row);
    if (closed) {
      Cairo().close_path(cr);
      const Rgba& face = PerShape(style.face_color, shape);
      if (face[3] > 0) {
        SetColor(cr, face, style.opacity, opaque);
        Cairo().set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
        Cairo().fill_preserve(cr);
      }
    }
    const double width = PerShape(style.edge_width, shape);
    const Rgba& edge = PerShape(style.edge_color, shape);
    if (width > 0 && edge[3] > 0) {
      SetColor(cr, edge, style.opacity, opaque);
      Cairo().set_line_width(cr, width);
      Cairo().stroke(cr);
    }
    Cairo().new_path(cr);
  }
  return drawing.Finish();
}

}  // namespace stackshot
