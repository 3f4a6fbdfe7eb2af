#include <gtest/gtest.h>

#include "io/hdf5_source.h"
#include "ramp_arrays.h"

namespace stackshot {
namespace {

using testing::MakeRamp;
using testing::ScratchDir;

Status Write(const std::string& path, const std::string& name, const Shape& shape, bool truncate) {
  return WriteHdf5Dataset(path, name, MakeRamp<uint16_t>(shape), {}, truncate);
}

TEST(Hdf5MultiscaleTest, GroupLevelsInNumericOrder) {
  const std::string path = ScratchDir("h5_levels") + "/p.h5";
  // Written out of order, and s10 sorts before s2 as text.
  const std::vector<int64_t> sides = {64, 32, 16, 8, 4, 4, 4, 4, 4, 4, 2};
  ASSERT_TRUE(Write(path, "/other", {3}, true).ok());
  for (int level : {10, 2, 0, 1, 3, 4, 5, 6, 7, 8, 9}) {
    ASSERT_TRUE(Write(path, "/pyr/s" + std::to_string(level), {sides[level], sides[level]}, false).ok());
  }
  auto levels = OpenHdf5Levels(path, "pyr");
  ASSERT_TRUE(levels.ok()) << levels.status().message();
  ASSERT_EQ(levels->size(), 11u);
  for (size_t i = 0; i < levels->size(); ++i) {
    EXPECT_EQ((*levels)[i]->shape(), (Shape{sides[i], sides[i]})) << i;
    EXPECT_EQ((*levels)[i]->Describe(), path + ":/pyr/s" + std::to_string(i));
  }
}

TEST(Hdf5MultiscaleTest, PlainNumbersAndDatasetsWork) {
  const std::string path = ScratchDir("h5_numbers") + "/p.h5";
  ASSERT_TRUE(Write(path, "/g/0", {8, 8}, true).ok());
  ASSERT_TRUE(Write(path, "/g/1", {4, 4}, false).ok());
  ASSERT_TRUE(Write(path, "/g/labels", {4, 4}, false).ok());  // ignored: not a level name
  auto levels = OpenHdf5Levels(path, "/g");
  ASSERT_TRUE(levels.ok()) << levels.status().message();
  EXPECT_EQ(levels->size(), 2u);
  auto single = OpenHdf5Levels(path, "/g/0");
  ASSERT_TRUE(single.ok());
  EXPECT_EQ(single->size(), 1u);
}

TEST(Hdf5MultiscaleTest, GapsMixedNamesAndEmptyGroupsAreErrors) {
  const std::string path = ScratchDir("h5_bad_levels") + "/p.h5";
  ASSERT_TRUE(Write(path, "/gap/s0", {8, 8}, true).ok());
  ASSERT_TRUE(Write(path, "/gap/s1", {4, 4}, false).ok());
  ASSERT_TRUE(Write(path, "/gap/s3", {1, 1}, false).ok());
  ASSERT_TRUE(Write(path, "/mixed/s0", {8, 8}, false).ok());
  ASSERT_TRUE(Write(path, "/mixed/1", {4, 4}, false).ok());
  ASSERT_TRUE(Write(path, "/none/raw", {4, 4}, false).ok());
  EXPECT_EQ(OpenHdf5Levels(path, "/gap").status().message(),
            path + ": group '/gap' has levels s0, s1, s3: s2 is missing");
  EXPECT_EQ(OpenHdf5Levels(path, "/mixed").status().message(),
            path + ": group '/mixed' mixes level names s0, s1, … and 0, 1, …");
  EXPECT_EQ(OpenHdf5Levels(path, "/none").status().message(),
            path + ": group '/none' holds no pyramid levels (need datasets s0, s1, … or 0, 1, …; have: raw)");
  EXPECT_EQ(OpenHdf5Levels(path, "/missing").status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace stackshot
