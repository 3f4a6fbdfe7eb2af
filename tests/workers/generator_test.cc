// Generator on its own: Python generator semantics without threads.
#include "workers/generator.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace stackshot {
namespace {

Generator<int, int> CountTo(int n, std::vector<std::string>& trace) {
  trace.push_back("body started");
  for (int i = 1; i <= n; ++i) {
    std::optional<int> sent = co_yield i;
    trace.push_back(sent ? "got " + std::to_string(*sent) : "got nothing");
  }
  co_return n * 10;
}

TEST(GeneratorTest, IsLazyAndYieldsInOrder) {
  std::vector<std::string> trace;
  auto generator = CountTo(3, trace);
  EXPECT_TRUE(trace.empty());  // calling it ran nothing
  EXPECT_FALSE(generator.done());
  std::vector<int> values;
  while (generator.Next()) values.push_back(generator.value());
  EXPECT_EQ(values, (std::vector<int>{1, 2, 3}));
  EXPECT_TRUE(generator.done());
  EXPECT_EQ(generator.TakeResult(), 30);
  EXPECT_EQ(trace, (std::vector<std::string>{"body started", "got nothing", "got nothing", "got nothing"}));
}

TEST(GeneratorTest, SentValueIsWhatCoYieldEvaluatesTo) {
  std::vector<std::string> trace;
  auto generator = CountTo(2, trace);
  ASSERT_TRUE(generator.Next());
  ASSERT_TRUE(generator.Next(7));
  EXPECT_EQ(generator.value(), 2);
  EXPECT_FALSE(generator.Next());
  EXPECT_EQ(trace, (std::vector<std::string>{"body started", "got 7", "got nothing"}));
}

Generator<double, std::string, double> Multiplier() {
  double total = 1;
  for (;;) {
    std::optional<double> sent = co_yield total;
    total *= sent.value_or(1);
    if (total == 0) co_return "Game Over!";
  }
}

TEST(GeneratorTest, SendTypeDiffersFromYieldAndReturn) {
  auto generator = Multiplier();
  ASSERT_TRUE(generator.Next());
  EXPECT_EQ(generator.value(), 1);
  ASSERT_TRUE(generator.Next(2.5));
  EXPECT_EQ(generator.value(), 2.5);
  ASSERT_TRUE(generator.Next());
  EXPECT_EQ(generator.value(), 2.5);
  EXPECT_FALSE(generator.Next(0.0));
  EXPECT_EQ(generator.TakeResult(), "Game Over!");
}

Generator<int> Failing() {
  co_yield 1;
  throw std::runtime_error("boom");
}

TEST(GeneratorTest, ExceptionIsRethrownByNextAndEndsTheGenerator) {
  auto generator = Failing();
  ASSERT_TRUE(generator.Next());
  EXPECT_THROW(generator.Next(), std::runtime_error);
  EXPECT_TRUE(generator.done());
}

TEST(GeneratorTest, DestroyingASuspendedGeneratorRunsItsDestructors) {
  struct Token {
    int* alive;
    explicit Token(int* a) : alive(a) { ++*alive; }
    ~Token() { --*alive; }
  };
  int alive = 0;
  {
    auto generator = [](int* counter) -> Generator<int> {
      Token token(counter);
      for (int i = 0;; ++i) co_yield i;
    }(&alive);
    ASSERT_TRUE(generator.Next());
    ASSERT_TRUE(generator.Next());
    EXPECT_EQ(alive, 1);
  }
  EXPECT_EQ(alive, 0);
}

}  // namespace
}  // namespace stackshot
