#include "io/hdf5_lock.h"

namespace stackshot {
namespace {

std::mutex& Hdf5Mutex() {
  static std::mutex mutex;
  return mutex;
}

// H5Ewalk2 callback: keeps the first (innermost, walking upward) description.
herr_t KeepInnermost(unsigned n, const H5E_error2_t* err, void* client_data) {
  auto* text = static_cast<std::string*>(client_data);
  if (n != 0 || err == nullptr) return 0;
  if (err->desc != nullptr && err->desc[0] != '\0') {
    *text = err->desc;
    return 0;
  }
  char minor[256] = {};
  if (H5Eget_msg(err->min_num, nullptr, minor, sizeof(minor)) > 0) *text = minor;
  return 0;
}

}  // namespace

Hdf5Lock::Hdf5Lock() : lock_(Hdf5Mutex()) {
  thread_local bool printing_off = false;
  if (!printing_off) {
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    printing_off = true;
  }
}

std::string Hdf5ErrorText() {
  std::string text;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, KeepInnermost, &text);
  H5Eclear2(H5E_DEFAULT);
  if (text.empty()) return "unknown hdf5 error";
  // HDF5 capitalises some messages; ours are lower case.
  if (text[0] >= 'A' && text[0] <= 'Z' && (text.size() < 2 || !(text[1] >= 'A' && text[1] <= 'Z'))) {
    text[0] = static_cast<char>(text[0] - 'A' + 'a');
  }
  return text;
}

Hdf5Id& Hdf5Id::operator=(Hdf5Id&& other) noexcept {
  if (this != &other) {
    Close();
    id_ = other.id_;
    close_ = other.close_;
    other.id_ = -1;
  }
  return *this;
}

herr_t Hdf5Id::Close() {
  herr_t result = 0;
  if (id_ >= 0 && close_ != nullptr) result = close_(id_);
  id_ = -1;
  return result;
}

}  // namespace stackshot
