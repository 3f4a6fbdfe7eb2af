#include "layers/shapes/shapes_csv.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace stackshot {
namespace {

// As napari_builtins' write_shapes writes it (Python csv: \r\n line ends), with an
// extra column napari's reader ignores.
constexpr char kNapariCsv[] =
    "index,shape-type,vertex-index,axis-0,axis-1,axis-2,note\r\n"
    "0,rectangle,0,1.0,0.0,0.0,\"a, b\"\r\n"
    "0,rectangle,1,1.0,0.0,4.0,\"a, b\"\r\n"
    "0,rectangle,2,1.0,4.0,4.0,\"a, b\"\r\n"
    "0,rectangle,3,1.0,4.0,0.0,\"a, b\"\r\n"
    "1,path,0,2.0,0.5,0.5,x\r\n"
    "1,path,1,2.0,3.5,1.5,x\r\n"
    "1,path,2,2.0,2.5,7.25,x\r\n";

TEST(ShapesCsvTest, ReadsWhatNapariWrites) {
  auto data = ParseShapesCsv(kNapariCsv, "rois.csv");
  ASSERT_TRUE(data.ok()) << data.status().message();
  EXPECT_EQ(data->ndim, 3);
  ASSERT_EQ(data->size(), 2);
  EXPECT_EQ(data->types, (std::vector<ShapeType>{ShapeType::kRectangle, ShapeType::kPath}));
  EXPECT_EQ(data->offsets, (std::vector<int64_t>{0, 4, 7}));
  EXPECT_EQ(data->columns[2], (std::vector<double>{0, 4, 4, 0, 0.5, 1.5, 7.25}));
}

TEST(ShapesCsvTest, EmptyFileIsAnEmptyLayer) {
  auto empty = ParseShapesCsv("", "e.csv");
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->size(), 0);
  EXPECT_EQ(empty->ndim, 2);
  auto header = ParseShapesCsv("index,shape-type,vertex-index,axis-0,axis-1,axis-2\r\n", "h.csv");
  ASSERT_TRUE(header.ok());
  EXPECT_EQ(header->size(), 0);
  EXPECT_EQ(header->ndim, 3);
  // The same through the file reader.
  const std::filesystem::path dir = STACKSHOT_TEST_TMP;
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "empty_shapes.csv").close();
  auto read = ReadShapesCsv((dir / "empty_shapes.csv").string());
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->size(), 0);
}

std::string ErrorOf(const std::string& body) {
  auto data = ParseShapesCsv("index,shape-type,vertex-index,axis-0,axis-1\n" + body, "rois.csv");
  return data.ok() ? "ok" : data.status().message();
}

TEST(ShapesCsvTest, BadInputNamesFileAndLine) {
  EXPECT_EQ(ErrorOf("0,line,0,1,2\n0,line,1,3\n"), "rois.csv:3: expected 5 fields, got 4");
  EXPECT_EQ(ErrorOf("0,line,0,1,2\n0,line,1,nan,4\n"), "rois.csv:3: axis-0 is nan: coordinates must be finite");
  EXPECT_EQ(ErrorOf("0,line,0,1,2\n0,line,1,x,4\n"), "rois.csv:3: axis-0 value 'x' is not a number");
  EXPECT_EQ(ErrorOf("0,elipse,0,1,2\n"), "rois.csv:2: unknown shape type 'elipse' (nearest: ellipse)");
  EXPECT_EQ(ErrorOf("0,line,0,1,2\n0,line,1,3,4\n0,line,2,5,6\n"),
            "rois.csv:2: shape 0: a line needs 2 vertices, got 3");
  EXPECT_EQ(ErrorOf("0,polygon,0,1,2\n1,path,0,5,6\n1,path,1,5,7\n"),
            "rois.csv:2: shape 0: a polygon needs at least 2 vertices, got 1");
  EXPECT_EQ(ErrorOf("1,line,0,1,2\n"),
            "rois.csv:2: shape index 1 after -1: shapes must be numbered 0, 1, 2, … in order");
  EXPECT_EQ(ErrorOf("0,line,0,\"1,2\n"), "rois.csv:2: unterminated quote");
  auto header = ParseShapesCsv("a,b\n1,2\n", "p.csv");
  EXPECT_EQ(header.status().message().rfind("p.csv:1: not a napari shapes CSV", 0), 0u);
}

}  // namespace
}  // namespace stackshot
