// "Generators for the win!", the quick reminder: a generator yields results
// lazily. In C++ it is a coroutine returning Generator<Y>.
//
//   def my_generator():
//       for i in range(10):
//           yield i
#include <cstdio>
#include <vector>

#include "example_viewer.h"
#include "workers/generator.h"

using namespace stackshot;
using namespace stackshot::examples;

Generator<int> MyGenerator() {
  for (int i = 0; i < 10; ++i) co_yield i;
}

int main() {
  auto generator = MyGenerator();  // nothing runs yet: it is lazy
  std::vector<int> values;
  while (generator.Next()) values.push_back(generator.value());
  Check(values == std::vector<int>({0, 1, 2, 3, 4, 5, 6, 7, 8, 9}), "yields 0 to 9 in order");
  Check(generator.done(), "then it is exhausted");
  std::printf("my_generator yielded 0..9\n");
  return 0;
}
