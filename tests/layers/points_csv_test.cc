#include "layers/points/points_csv.h"

#include <gtest/gtest.h>

#include <cmath>

#include "layers/points/points_appearance.h"

namespace stackshot {
namespace {

// As napari's write_points writes it (Python csv module: \r\n, minimal quoting).
constexpr char kNapariCsv[] =
    "index,axis-0,axis-1,axis-2,label,confidence\r\n"
    "0,1.0,10.5,20.0,cell,0.5\r\n"
    "1,2.0,11.0,21.0,\"nucleus, big\",1e-07\r\n"
    "2,3.0,12.0,22.0,cell,0.75\r\n";

TEST(PointsCsvTest, ReadsNapariCsvWithFeatures) {
  auto data = ParsePointsCsv(kNapariCsv, "spots.csv");
  ASSERT_TRUE(data.ok()) << data.status().message();
  EXPECT_EQ(data->ndim, 3);
  EXPECT_EQ(data->size(), 3);
  EXPECT_EQ(data->columns[1], (std::vector<double>{10.5, 11, 12}));
  ASSERT_EQ(data->features.size(), 2u);
  EXPECT_EQ(data->features[0].name, "label");
  EXPECT_FALSE(data->features[0].numeric);
  EXPECT_EQ(data->features[0].strings, (std::vector<std::string>{"cell", "nucleus, big", "cell"}));
  EXPECT_TRUE(data->features[1].numeric);
  EXPECT_EQ(data->features[1].numbers, (std::vector<double>{0.5, 1e-07, 0.75}));
}

TEST(PointsCsvTest, EmptyFileIsEmptyLayer) {
  auto empty = ParsePointsCsv("", "e.csv");
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->size(), 0);
  EXPECT_EQ(empty->ndim, 2);
  auto header_only = ParsePointsCsv("index,axis-0,axis-1,axis-2\n", "h.csv");
  ASSERT_TRUE(header_only.ok());
  EXPECT_EQ(header_only->size(), 0);
  EXPECT_EQ(header_only->ndim, 3);
}

TEST(PointsCsvTest, MalformedRowNamesFileAndLine) {
  auto short_row = ParsePointsCsv("index,axis-0,axis-1\n0,1,2\n1,3\n", "spots.csv");
  ASSERT_FALSE(short_row.ok());
  EXPECT_EQ(short_row.status().message(), "spots.csv:3: expected 3 fields, got 2");
  auto text = ParsePointsCsv("index,axis-0,axis-1\n0,1,abc\n", "spots.csv");
  EXPECT_EQ(text.status().message(), "spots.csv:2: axis-1 'abc' is not a number");
  auto quote = ParsePointsCsv("index,axis-0,axis-1\n0,\"1,2\n", "spots.csv");
  EXPECT_EQ(quote.status().message(), "spots.csv:2: unterminated quote");
}

TEST(PointsCsvTest, NanCoordinateIsAnError) {
  auto data = ParsePointsCsv("index,axis-0,axis-1\n0,1,2\n1,nan,2\n", "spots.csv");
  ASSERT_FALSE(data.ok());
  EXPECT_EQ(data.status().message(), "spots.csv:3: axis-0 is nan (coordinates must be finite)");
}

TEST(PointsCsvTest, HeaderMustHaveAxes) {
  auto data = ParsePointsCsv("index,shape-type,vertex-index\n", "shapes.csv");
  ASSERT_FALSE(data.ok());
  EXPECT_EQ(data.status().message(),
            "shapes.csv:1: not a napari points csv (expected a header index,axis-0,axis-1,...)");
  auto gap = ParsePointsCsv("index,axis-0,axis-2\n", "gap.csv");
  EXPECT_EQ(gap.status().message(), "gap.csv:1: column 'axis-1' is missing");
}

TEST(PointsCsvTest, MissingFileIsNotFound) {
  auto data = ReadPointsCsv("/nonexistent/spots.csv");
  ASSERT_FALSE(data.ok());
  EXPECT_EQ(data.status().message(), "/nonexistent/spots.csv: no such file");
}

TEST(PointsDataTest, InlineRowsRejectNanAndRaggedRows) {
  EXPECT_EQ(PointsFromRows({{1, 2}, {1, 2, 3}}, "s.json#/layers/0/data").status().message(),
            "s.json#/layers/0/data/1: has 3 coordinates, row 0 has 2");
  EXPECT_EQ(PointsFromRows({{1, 2}, {1, std::nan("")}}, "s.json#/layers/0/data").status().message(),
            "s.json#/layers/0/data/1/1: coordinate is not a finite number");
}

TEST(PointsDataTest, FromArrayIsColumnWise) {
  Array a = Array::Zeros(DType::kFloat32, {2, 3});
  for (int i = 0; i < 6; ++i) a.mutable_data<float>()[i] = static_cast<float>(i);
  auto data = PointsFromArray(a, "p.h5:/points");
  ASSERT_TRUE(data.ok());
  EXPECT_EQ(data->columns[0], (std::vector<double>{0, 3}));
  EXPECT_EQ(data->columns[2], (std::vector<double>{2, 5}));
  EXPECT_FALSE(PointsFromArray(Array::Zeros(DType::kFloat32, {4}), "p.h5:/points").ok());
}

TEST(PointSymbolTest, NamesAndAliases) {
  EXPECT_EQ(AllPointSymbols().size(), 14u);
  for (PointSymbol symbol : AllPointSymbols()) EXPECT_EQ(*ParsePointSymbol(PointSymbolName(symbol)), symbol);
  EXPECT_EQ(*ParsePointSymbol("o"), PointSymbol::kDisc);
  EXPECT_EQ(*ParsePointSymbol("->"), PointSymbol::kTailedArrow);
  EXPECT_EQ(*ParsePointSymbol("triangle up"), PointSymbol::kTriangleUp);
  EXPECT_EQ(ParsePointSymbol("dsic").status().message(), "unknown symbol 'dsic' (nearest: disc)");
}

}  // namespace
}  // namespace stackshot
