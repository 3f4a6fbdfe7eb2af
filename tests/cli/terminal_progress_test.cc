// The terminal display, driven with a fake clock into a memory stream: plain lines,
// live bars that never garble log lines, JSON events.
#include "terminal_progress.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>

namespace stackshot {
namespace {

using Clock = TerminalProgress::Clock;
using std::chrono::milliseconds;

class TerminalProgressTest : public ::testing::Test {
 protected:
  void TearDown() override {
    if (out_ != nullptr) std::fclose(out_);
    std::free(buffer_);
  }

  TerminalProgress& Make(ProgressMode mode) {
    out_ = open_memstream(&buffer_, &size_);
    display_ = std::make_unique<TerminalProgress>(
        TerminalProgress::Options{mode, out_, 60, [this] { return now_; }});
    return *display_;
  }

  // Everything written since the last call.
  std::string Take() {
    std::fflush(out_);
    std::string text(buffer_, size_);
    std::string fresh = text.substr(taken_);
    taken_ = text.size();
    return fresh;
  }

  ProgressState Bar(uint64_t id, int64_t n, int64_t total, const std::string& desc = "render a.json") {
    ProgressState bar;
    bar.id = id;
    bar.desc = desc;
    bar.n = n;
    bar.total = total;
    bar.started = now_;
    return bar;
  }

  void Advance(milliseconds ms) { now_ += ms; }

  Clock::time_point now_ = Clock::time_point(std::chrono::hours(1));
  FILE* out_ = nullptr;
  char* buffer_ = nullptr;
  size_t size_ = 0;
  size_t taken_ = 0;
  std::unique_ptr<TerminalProgress> display_;
};

TEST_F(TerminalProgressTest, ParsesModes) {
  EXPECT_EQ(ParseProgressMode("json"), ProgressMode::kJson);
  EXPECT_EQ(ParseProgressMode("none"), ProgressMode::kNone);
  EXPECT_FALSE(ParseProgressMode("fancy").has_value());
  EXPECT_EQ(FormatClock(7.9), "0:07");
  EXPECT_EQ(FormatClock(3723), "1:02:03");
}

TEST_F(TerminalProgressTest, AutoOnAFileIsPlain) { EXPECT_EQ(Make(ProgressMode::kAuto).mode(), ProgressMode::kPlain); }

TEST_F(TerminalProgressTest, PlainQuickBarPrintsOnlyItsEndLine) {
  TerminalProgress& d = Make(ProgressMode::kPlain);
  d.OnProgressStart(Bar(1, 0, 3));
  Advance(milliseconds(40));
  d.OnProgressUpdate(Bar(1, 1, 3));
  d.Tick();
  Advance(milliseconds(40));
  d.OnProgressEnd(Bar(1, 3, 3), ProgressOutcome::kDone);
  EXPECT_EQ(Take(), "render a.json: done, 3/3 in 80 ms\n");
}

TEST_F(TerminalProgressTest, PlainSlowBarStartLineThenAtMostOneLineEveryFiveSeconds) {
  TerminalProgress& d = Make(ProgressMode::kPlain);
  d.OnProgressStart(Bar(1, 0, 4));
  d.Tick();
  EXPECT_EQ(Take(), "");
  Advance(milliseconds(1000));
  d.Tick();
  EXPECT_EQ(Take(), "render a.json: started (4 steps)\n");
  Advance(milliseconds(2000));
  d.OnProgressUpdate(Bar(1, 1, 4));
  EXPECT_EQ(Take(), "");
  Advance(milliseconds(3000));
  d.OnProgressUpdate(Bar(1, 2, 4));
  EXPECT_EQ(Take(), "render a.json: 2/4 (50%) after 6.0 s\n");
  Advance(milliseconds(1000));
  d.OnProgressUpdate(Bar(1, 3, 4));
  d.Log("a log line");
  d.OnProgressEnd(Bar(1, 3, 4), ProgressOutcome::kAborted);
  const std::string text = Take();
  EXPECT_EQ(text, "a log line\nrender a.json: aborted at 3/4 after 7.0 s\n");
  EXPECT_EQ(text.find('\033'), std::string::npos);
}

TEST_F(TerminalProgressTest, FailedBarEndsSilentlyAndErrorsAreOneLine) {
  TerminalProgress& d = Make(ProgressMode::kPlain);
  d.OnProgressStart(Bar(1, 0, 3));
  d.OnProgressEnd(Bar(1, 1, 3), ProgressOutcome::kFailed);
  d.Error("a.json#/layers/0: bad");
  EXPECT_EQ(Take(), "stackshot: error: a.json#/layers/0: bad\n");
}

TEST_F(TerminalProgressTest, BarsAreErasedAroundLogLines) {
  TerminalProgress& d = Make(ProgressMode::kBar);
  d.OnProgressStart(Bar(1, 0, 4, "a"));
  // 60 columns: the bar takes what the text leaves of 59 (never the last column).
  EXPECT_EQ(Take(), "a   0% |" + std::string(32, '.') + "| 0/4 [0:00<?, ?/s]\n");
  d.OnProgressStart(Bar(2, 0, 0, "b"));
  // Both bars redrawn: the one line on screen erased first.
  EXPECT_EQ(Take(), "\033[1A\033[Ja   0% |" + std::string(32, '.') + "| 0/4 [0:00<?, ?/s]\nb / 0 [0:00, ?/s]\n");
  Advance(milliseconds(50));
  d.OnProgressUpdate(Bar(1, 1, 4, "a"));
  EXPECT_EQ(Take(), "");  // drawn less than 100 ms ago
  d.Log("hello");
  EXPECT_EQ(Take(), "\033[2A\033[Jhello\na  25% |######" + std::string(20, '.') +
                        "| 1/4 [0:00<0:00, 20.0/s]\nb - 0 [0:00, ?/s]\n");
  Advance(milliseconds(2000));
  d.OnProgressEnd(Bar(2, 5, 0, "b"), ProgressOutcome::kDone);
  EXPECT_EQ(Take(), "\033[2A\033[Jb: done, 5 in 2.0 s\na  25% |######" + std::string(21, '.') +
                        "| 1/4 [0:02<0:06, 0.5/s]\n");
  d.OnProgressEnd(Bar(1, 4, 4, "a"), ProgressOutcome::kDone);
  EXPECT_EQ(Take(), "\033[1A\033[Ja: done, 4/4 in 2.0 s\n");
  d.Log("after");
  EXPECT_EQ(Take(), "after\n");
}

TEST_F(TerminalProgressTest, BarLinesNeverWrap) {
  TerminalProgress& d = Make(ProgressMode::kBar);
  d.OnProgressStart(Bar(1, 0, 0, std::string(100, 'x')));
  const std::string line = Take();
  EXPECT_EQ(line, std::string(59, 'x') + "\n");
}

TEST_F(TerminalProgressTest, TickRedrawsAtMostTenTimesASecond) {
  TerminalProgress& d = Make(ProgressMode::kBar);
  d.OnProgressStart(Bar(1, 0, 0, "spin"));
  Take();
  Advance(milliseconds(99));
  d.Tick();
  EXPECT_EQ(Take(), "");
  Advance(milliseconds(1));
  d.Tick();
  EXPECT_EQ(Take(), "\033[1A\033[Jspin / 0 [0:00, ?/s]\n");
}

TEST_F(TerminalProgressTest, JsonEvents) {
  TerminalProgress& d = Make(ProgressMode::kJson);
  d.OnProgressStart(Bar(7, 0, 3));
  Advance(milliseconds(50));
  d.OnProgressUpdate(Bar(7, 1, 3));  // throttled: 10 a second
  Advance(milliseconds(100));
  d.OnProgressUpdate(Bar(7, 2, 3));
  d.Log("note \"quoted\"");
  d.OnProgressEnd(Bar(7, 3, 3), ProgressOutcome::kDone);
  d.Error("bad");
  EXPECT_EQ(Take(),
            "{\"event\":\"start\",\"desc\":\"render a.json\",\"n\":0,\"total\":3,\"elapsed_s\":0.0,\"id\":7}\n"
            "{\"event\":\"progress\",\"desc\":\"render a.json\",\"n\":2,\"total\":3,\"elapsed_s\":0.15,\"id\":7}\n"
            "{\"event\":\"log\",\"message\":\"note \\\"quoted\\\"\"}\n"
            "{\"event\":\"end\",\"desc\":\"render a.json\",\"n\":3,\"total\":3,\"elapsed_s\":0.15,\"id\":7,"
            "\"outcome\":\"done\"}\n"
            "{\"event\":\"error\",\"message\":\"bad\"}\n");
}

TEST_F(TerminalProgressTest, JsonEventsSurviveTextThatIsNotUtf8) {
  TerminalProgress& d = Make(ProgressMode::kJson);
  d.OnProgressStart(Bar(3, 0, 2, "render caf\xe9/a.json"));
  d.Log("wrote caf\xe9/shot.png");
  EXPECT_EQ(Take(),
            "{\"event\":\"start\",\"desc\":\"render caf\xef\xbf\xbd/a.json\",\"n\":0,\"total\":2,\"elapsed_s\":0.0,"
            "\"id\":3}\n"
            "{\"event\":\"log\",\"message\":\"wrote caf\xef\xbf\xbd/shot.png\"}\n");
}

TEST_F(TerminalProgressTest, NonePrintsOnlyLogLines) {
  TerminalProgress& d = Make(ProgressMode::kNone);
  d.OnProgressStart(Bar(1, 0, 3));
  d.OnProgressEnd(Bar(1, 3, 3), ProgressOutcome::kDone);
  d.Log("wrote x");
  EXPECT_EQ(Take(), "wrote x\n");
}

}  // namespace
}  // namespace stackshot
