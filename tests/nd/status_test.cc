#include "nd/status.h"

#include <memory>
#include <string>

#include <gtest/gtest.h>

namespace stackshot {
namespace {

TEST(StatusTest, DefaultIsOk) {
  Status status;
  EXPECT_TRUE(status.ok());
  EXPECT_EQ(status.code(), StatusCode::kOk);
  EXPECT_EQ(status.ToString(), "ok");
  EXPECT_EQ(status, Status::Ok());
}

TEST(StatusTest, ErrorFactoriesSetCodeAndMessage) {
  EXPECT_EQ(InvalidArgumentError("a").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(NotFoundError("a").code(), StatusCode::kNotFound);
  EXPECT_EQ(IoError("a").code(), StatusCode::kIoError);
  EXPECT_EQ(CancelledError("a").code(), StatusCode::kCancelled);
  EXPECT_EQ(DeadlineExceededError("a").code(), StatusCode::kDeadlineExceeded);
  EXPECT_EQ(InternalError("a").code(), StatusCode::kInternal);
  Status status = NotFoundError("dataset '/raw' not found");
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(status.message(), "dataset '/raw' not found");
  EXPECT_EQ(status.ToString(), "dataset '/raw' not found");
}

TEST(StatusTest, CodeNames) {
  EXPECT_STREQ(StatusCodeName(StatusCode::kOk), "ok");
  EXPECT_STREQ(StatusCodeName(StatusCode::kInvalidArgument), "invalid argument");
  EXPECT_STREQ(StatusCodeName(StatusCode::kIoError), "i/o error");
}

TEST(StatusTest, WithContextPrefixesAndKeepsCode) {
  const Status inner = NotFoundError("dataset '/raw' not found");
  const Status outer = inner.WithContext("cells.h5").WithContext("scene.json#/layers/0/source");
  EXPECT_EQ(outer.code(), StatusCode::kNotFound);
  EXPECT_EQ(outer.message(), "scene.json#/layers/0/source: cells.h5: dataset '/raw' not found");
  // The const& overload leaves the original untouched.
  EXPECT_EQ(inner.message(), "dataset '/raw' not found");
}

TEST(StatusTest, WithContextOnOkStaysOk) {
  EXPECT_EQ(Status::Ok().WithContext("cells.h5"), Status::Ok());
  const Status ok;
  EXPECT_TRUE(ok.WithContext("cells.h5").ok());
  EXPECT_EQ(ok.WithContext("cells.h5").message(), "");
}

TEST(StatusTest, EmptyContextChangesNothing) {
  EXPECT_EQ(IoError("read failed").WithContext("").message(), "read failed");
}

TEST(StatusTest, EqualityComparesCodeAndMessage) {
  EXPECT_EQ(IoError("x"), IoError("x"));
  EXPECT_FALSE(IoError("x") == IoError("y"));
  EXPECT_FALSE(IoError("x") == NotFoundError("x"));
}

TEST(ResultTest, HoldsValue) {
  Result<int> result(42);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.value(), 42);
  EXPECT_EQ(*result, 42);
  EXPECT_TRUE(result.status().ok());
}

TEST(ResultTest, HoldsError) {
  Result<int> result(IoError("disk full"));
  EXPECT_FALSE(result.ok());
  EXPECT_EQ(result.status(), IoError("disk full"));
}

TEST(ResultTest, OkStatusBecomesInternalError) {
  Result<int> result{Status::Ok()};
  EXPECT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kInternal);
}

TEST(ResultTest, ArrowAndMoveOut) {
  Result<std::string> result(std::string("abc"));
  EXPECT_EQ(result->size(), 3u);
  std::string moved = std::move(result).value();
  EXPECT_EQ(moved, "abc");
  Result<std::unique_ptr<int>> owner(std::make_unique<int>(7));
  std::unique_ptr<int> p = std::move(owner).value();
  EXPECT_EQ(*p, 7);
}

TEST(ResultTest, WithContext) {
  Result<int> error = Result<int>(NotFoundError("no key")).WithContext("scene.json#/dims");
  EXPECT_EQ(error.status().message(), "scene.json#/dims: no key");
  EXPECT_EQ(error.status().code(), StatusCode::kNotFound);
  Result<int> value = Result<int>(3).WithContext("scene.json#/dims");
  ASSERT_TRUE(value.ok());
  EXPECT_EQ(*value, 3);
}

Status FailIf(bool fail) { return fail ? InvalidArgumentError("failed") : Status::Ok(); }

Status TwoSteps(bool fail_first, bool fail_second, int* reached) {
  RETURN_IF_ERROR(FailIf(fail_first));
  *reached = 1;
  RETURN_IF_ERROR(FailIf(fail_second).WithContext("second"));
  *reached = 2;
  return Status::Ok();
}

TEST(StatusMacrosTest, ReturnIfError) {
  int reached = 0;
  EXPECT_TRUE(TwoSteps(false, false, &reached).ok());
  EXPECT_EQ(reached, 2);
  reached = 0;
  EXPECT_EQ(TwoSteps(true, false, &reached), InvalidArgumentError("failed"));
  EXPECT_EQ(reached, 0);
  EXPECT_EQ(TwoSteps(false, true, &reached), InvalidArgumentError("second: failed"));
  EXPECT_EQ(reached, 1);
}

Result<int> Half(int value) {
  if (value % 2 != 0) return InvalidArgumentError(std::to_string(value) + " is odd");
  return value / 2;
}

Result<int> Quarter(int value) {
  ASSIGN_OR_RETURN(int half, Half(value));
  ASSIGN_OR_RETURN(const int quarter, Half(half));  // two uses in one scope
  return quarter;
}

TEST(StatusMacrosTest, AssignOrReturn) {
  Result<int> ok = Quarter(12);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, 3);
  EXPECT_EQ(Quarter(6).status(), InvalidArgumentError("3 is odd"));
  EXPECT_EQ(Quarter(5).status(), InvalidArgumentError("5 is odd"));
}

Result<std::unique_ptr<int>> MakeOwned(int v) { return std::make_unique<int>(v); }

Result<int> ReadOwned() {
  ASSIGN_OR_RETURN(std::unique_ptr<int> owned, MakeOwned(9));  // move-only values
  return *owned;
}

TEST(StatusMacrosTest, AssignOrReturnMovesValue) {
  Result<int> result = ReadOwned();
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(*result, 9);
}

}  // namespace
}  // namespace stackshot
