// Reads from several threads at once: every HDF5 call is serialised by io/'s lock.
#include <gtest/gtest.h>

#include <thread>

#include "io/hdf5_source.h"
#include "io/ramp_arrays.h"

namespace stackshot {
namespace {

using testing::MakeRamp;
using testing::NaiveBox;
using testing::ScratchDir;

TEST(Hdf5ThreadedTest, TwoThreadsReadDifferentBoxesOfOneSource) {
  const std::string path = ScratchDir("hdf5_threads") + "/t.h5";
  const Shape shape = {8, 40, 30};
  const Array array = MakeRamp<uint16_t>(shape);
  ASSERT_TRUE(WriteHdf5Dataset(path, "/v", array, {{1, 16, 16}, 2}, true).ok());
  Result<std::shared_ptr<Source>> opened = OpenHdf5Dataset(path, "/v");
  ASSERT_TRUE(opened.ok()) << opened.status().message();
  std::shared_ptr<Source> source = *opened;

  const Box boxes[2] = {Box{{0, 0, 0}, {4, 40, 30}}, Box{{3, 10, 5}, {5, 25, 20}}};
  constexpr int kRounds = 40;
  int mismatches[2] = {0, 0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 2; ++t) {
    threads.emplace_back([&, t] {
      const Array expected = NaiveBox(array, boxes[t]);
      for (int round = 0; round < kRounds; ++round) {
        Result<Array> read = source->Read(boxes[t]);
        if (!read.ok() || read->nbytes() != expected.nbytes() ||
            std::memcmp(read->bytes(), expected.bytes(), expected.nbytes()) != 0) {
          ++mismatches[t];
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(mismatches[0], 0);
  EXPECT_EQ(mismatches[1], 0);
  EXPECT_EQ(source->bytes_read(), static_cast<uint64_t>(kRounds) * 2 * (4 * 40 * 30 + 5 * 25 * 20));
}

TEST(Hdf5ThreadedTest, OpeningListingAndClosingFromTwoThreads) {
  const std::string dir = ScratchDir("hdf5_threads_open");
  for (int t = 0; t < 2; ++t) {
    ASSERT_TRUE(WriteHdf5Dataset(dir + "/f" + std::to_string(t) + ".h5", "/v", MakeRamp<int32_t>({3, 4}), {}, true)
                    .ok());
  }
  int failures[2] = {0, 0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 2; ++t) {
    threads.emplace_back([&, t] {
      const std::string path = dir + "/f" + std::to_string(t) + ".h5";
      for (int round = 0; round < 20; ++round) {
        Result<std::shared_ptr<Source>> source = OpenHdf5Dataset(path, "/v");
        if (!source.ok() || !(*source)->Read(FullBox({3, 4})).ok()) ++failures[t];
        if (!ListHdf5Datasets(path).ok()) ++failures[t];
        // A missing dataset exercises the error path (per-thread HDF5 error stacks).
        if (OpenHdf5Dataset(path, "/missing").ok()) ++failures[t];
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures[0], 0);
  EXPECT_EQ(failures[1], 0);
}

}  // namespace
}  // namespace stackshot
