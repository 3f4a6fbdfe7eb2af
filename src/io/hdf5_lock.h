// Access to the HDF5 C library for io/ (private to the module).
//
// Conventions: the library is not reliably thread-safe (Debian's serial build may
// or may not have its own global lock), so every call into it holds Hdf5Lock.
// Handles (Hdf5Id) must be closed while the lock is held: declare the lock before
// the handles in a scope, or close them explicitly under it.
#pragma once

#include <hdf5.h>

#include <mutex>
#include <string>

namespace stackshot {

// Holds the process-wide HDF5 mutex; on first use in a thread it also turns off
// HDF5's automatic error printing (that setting is per thread in thread-safe builds).
class Hdf5Lock {
 public:
  Hdf5Lock();
  Hdf5Lock(const Hdf5Lock&) = delete;
  Hdf5Lock& operator=(const Hdf5Lock&) = delete;

 private:
  std::unique_lock<std::mutex> lock_;
};

// The most specific message on this thread's HDF5 error stack ("truncated file:
// eof = 1024, ..."), or "unknown hdf5 error"; clears the stack. Lock held.
std::string Hdf5ErrorText();

// An owned hid_t, closed with its matching H5?close function.
class Hdf5Id {
 public:
  using CloseFn = herr_t (*)(hid_t);

  Hdf5Id() = default;
  Hdf5Id(hid_t id, CloseFn close) : id_(id), close_(close) {}
  Hdf5Id(Hdf5Id&& other) noexcept : id_(other.id_), close_(other.close_) { other.id_ = -1; }
  Hdf5Id& operator=(Hdf5Id&& other) noexcept;
  Hdf5Id(const Hdf5Id&) = delete;
  Hdf5Id& operator=(const Hdf5Id&) = delete;
  ~Hdf5Id() { Close(); }

  bool valid() const { return id_ >= 0; }
  hid_t get() const { return id_; }
  // Closes now; returns HDF5's result (negative when, e.g., a flush failed).
  herr_t Close();

 private:
  hid_t id_ = -1;
  CloseFn close_ = nullptr;
};

}  // namespace stackshot
