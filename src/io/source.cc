#include "io/source.h"

#include <string>

namespace stackshot {

Result<Array> Source::Read(const Box& box, const CancelToken& cancel, int threads) const {
  Status valid = CheckBox(shape(), box);
  if (!valid.ok()) return valid.WithContext(Describe());
  if (cancel.cancelled()) return CancelledError(Describe() + ": read cancelled");
  ASSIGN_OR_RETURN(Array array, threads == kPlainRead ? ReadChecked(box, cancel)
                                                      : ReadCheckedThreaded(box, cancel, threads));
  bytes_read_.fetch_add(array.nbytes(), std::memory_order_relaxed);
  return array;
}

Box FullBox(const Shape& shape) {
  return Box{std::vector<int64_t>(shape.size(), 0), shape};
}

Status CheckBox(const Shape& shape, const Box& box) {
  if (box.start.size() != shape.size() || box.count.size() != shape.size()) {
    return InvalidArgumentError("box of rank " + std::to_string(box.start.size()) + "/" +
                                std::to_string(box.count.size()) + " (start/count) does not match shape " +
                                ShapeToString(shape) + " of rank " + std::to_string(shape.size()));
  }
  for (size_t axis = 0; axis < shape.size(); ++axis) {
    const int64_t start = box.start[axis];
    const int64_t count = box.count[axis];
    const std::string where = "box axis " + std::to_string(axis) + ": ";
    if (start < 0) return InvalidArgumentError(where + "start " + std::to_string(start) + " is negative");
    if (count < 0) return InvalidArgumentError(where + "count " + std::to_string(count) + " is negative");
    // Written as a subtraction so that huge values cannot overflow.
    if (start > shape[axis] || count > shape[axis] - start) {
      return InvalidArgumentError(where + "start " + std::to_string(start) + " + count " +
                                  std::to_string(count) + " exceeds size " + std::to_string(shape[axis]));
    }
  }
  return Status::Ok();
}

}  // namespace stackshot
