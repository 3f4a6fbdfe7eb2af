#include "nd/nearest_names.h"

#include <gtest/gtest.h>

namespace stackshot {
namespace {

using Names = std::vector<std::string>;

TEST(NearestNamesTest, ClosestFirst) {
  const Names candidates = {"colormap", "contrast_limits", "gamma", "opacity", "blending"};
  EXPECT_EQ(NearestNames("colormpa", candidates), Names({"colormap"}));
  EXPECT_EQ(NearestNames("opacty", candidates), Names({"opacity"}));
  EXPECT_EQ(NearestNames("gama", candidates), Names({"gamma"}));
}

TEST(NearestNamesTest, CaseInsensitive) {
  EXPECT_EQ(NearestNames("GAMMA", {"gamma", "beta"}), Names({"gamma"}));
  EXPECT_EQ(NearestNames("Nuclei", {"membrane", "nuclei"}), Names({"nuclei"}));
}

TEST(NearestNamesTest, OrdersByDistanceThenCandidateOrder) {
  // "cat": "bat" and "cut" are 1 away, "cart" is 1 away, "coast" is 2 away.
  const Names candidates = {"coast", "cut", "cart", "bat"};
  EXPECT_EQ(NearestNames("cat", candidates, 10), Names({"cut", "cart", "bat", "coast"}));
  EXPECT_EQ(NearestNames("cat", candidates, 2), Names({"cut", "cart"}));
  EXPECT_EQ(NearestNames("cat", candidates), Names({"cut", "cart", "bat"}));  // count 3
}

TEST(NearestNamesTest, DistanceLimitIsTwoOrAThirdOfTheLength) {
  // Length 6: max(2, 2) = 2 edits.
  EXPECT_EQ(NearestNames("abcdef", {"abcdxy"}), Names({"abcdxy"}));
  EXPECT_TRUE(NearestNames("abcdef", {"abcxyz"}).empty());
  // Length 12: 4 edits allowed, 5 not.
  EXPECT_EQ(NearestNames("abcdefghijkl", {"abcdefghwxyz"}), Names({"abcdefghwxyz"}));
  EXPECT_TRUE(NearestNames("abcdefghijkl", {"abcdefgvwxyz"}).empty());
}

TEST(NearestNamesTest, CountsInsertionsAndDeletions) {
  EXPECT_EQ(NearestNames("translat", {"translate"}), Names({"translate"}));
  EXPECT_EQ(NearestNames("scalee", {"scale"}), Names({"scale"}));
  EXPECT_EQ(NearestNames("", {"ab", "abc"}), Names({"ab"}));  // 2 inserts, 3 too many
}

TEST(NearestNamesTest, NothingClose) {
  EXPECT_TRUE(NearestNames("zzzzzz", {"image", "labels"}).empty());
  EXPECT_TRUE(NearestNames("image", {}).empty());
}

TEST(SuggestNamesTest, Nearest) {
  EXPECT_EQ(SuggestNames("imag", {"image", "labels", "points"}), "nearest: image");
  EXPECT_EQ(SuggestNames("max", {"mean", "max", "min", "sum"}), "nearest: max, mean, min");
}

TEST(SuggestNamesTest, ValidWhenNothingClose) {
  EXPECT_EQ(SuggestNames("zzzzzz", {"image", "labels"}), "valid: image, labels");
  EXPECT_EQ(SuggestNames("zzzzzz", {}), "valid: (none)");
}

TEST(SuggestNamesTest, ValidListStopsAtTwelve) {
  Names twelve;
  for (int i = 0; i < 12; ++i) twelve.push_back("name" + std::to_string(i));
  EXPECT_EQ(SuggestNames("qqqqqqqqqq", twelve),
            "valid: name0, name1, name2, name3, name4, name5, name6, name7, name8, name9, "
            "name10, name11");
  Names thirteen = twelve;
  thirteen.push_back("name12");
  EXPECT_EQ(SuggestNames("qqqqqqqqqq", thirteen),
            "valid: name0, name1, name2, name3, name4, name5, name6, name7, name8, name9, "
            "name10, name11, …");
}

}  // namespace
}  // namespace stackshot
