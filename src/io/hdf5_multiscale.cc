// OpenHdf5Levels: a dataset, or a group of pyramid levels, as a list of sources.
#include <algorithm>
#include <cctype>
#include <utility>

#include "io/hdf5_file.h"

namespace stackshot {
namespace {

struct LevelName {
  int64_t level;
  std::string name;
};

// "s3" or "3" → 3; anything else → -1. `prefixed` says which spelling it was.
int64_t ParseLevelName(const std::string& name, bool& prefixed) {
  prefixed = !name.empty() && name[0] == 's';
  const size_t start = prefixed ? 1 : 0;
  if (name.size() <= start || name.size() - start > 9) return -1;
  int64_t value = 0;
  for (size_t i = start; i < name.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(name[i]))) return -1;
    value = value * 10 + (name[i] - '0');
  }
  // "s01" is not a level name: numbering has one spelling per level.
  if (name.size() - start > 1 && name[start] == '0') return -1;
  return value;
}

struct LinkVisit {
  std::vector<std::string> names;
};

herr_t CollectLink(hid_t, const char* name, const H5L_info_t*, void* data) {
  static_cast<LinkVisit*>(data)->names.emplace_back(name);
  return 0;
}

// Under the lock: whether `name` is a group and, if so, the dataset names of its levels.
Result<std::vector<std::string>> GroupLevels(const std::string& path, const std::string& name, bool& is_group) {
  Hdf5Lock lock;
  ASSIGN_OR_RETURN(Hdf5Id file, OpenHdf5File(path, /*writable=*/false));
  is_group = false;
  H5O_info_t info;
  if (H5Lexists(file.get(), name.c_str(), H5P_DEFAULT) <= 0 && name != "/") {
    H5Eclear2(H5E_DEFAULT);
    return std::vector<std::string>{};  // OpenHdf5Dataset reports it, listing what exists
  }
  if (H5Oget_info_by_name2(file.get(), name.c_str(), &info, H5O_INFO_BASIC, H5P_DEFAULT) < 0) {
    H5Eclear2(H5E_DEFAULT);
    return std::vector<std::string>{};
  }
  if (info.type != H5O_TYPE_GROUP) return std::vector<std::string>{};
  is_group = true;
  Hdf5Id group(H5Gopen2(file.get(), name.c_str(), H5P_DEFAULT), H5Gclose);
  if (!group.valid()) return IoError(path + ": cannot open group '" + name + "': " + Hdf5ErrorText());
  LinkVisit visit;
  if (H5Literate(group.get(), H5_INDEX_NAME, H5_ITER_INC, nullptr, CollectLink, &visit) < 0) {
    return IoError(path + ": cannot list group '" + name + "': " + Hdf5ErrorText());
  }
  std::vector<LevelName> levels;
  std::vector<std::string> other;
  int spellings = 0;  // bit 1: "s0", bit 2: "0"
  for (const std::string& link : visit.names) {
    bool prefixed = false;
    const int64_t level = ParseLevelName(link, prefixed);
    H5O_info_t child;
    const std::string child_path = (name == "/" ? "" : name) + "/" + link;
    const bool dataset = H5Oget_info_by_name2(file.get(), child_path.c_str(), &child, H5O_INFO_BASIC, H5P_DEFAULT) >= 0 &&
                         child.type == H5O_TYPE_DATASET;
    H5Eclear2(H5E_DEFAULT);
    if (level < 0 || !dataset) {
      other.push_back(link);
      continue;
    }
    spellings |= prefixed ? 1 : 2;
    levels.push_back({level, child_path});
  }
  if (levels.empty()) {
    std::string have;
    for (size_t i = 0; i < other.size() && i < 12; ++i) have += (i ? ", " : "") + other[i];
    return InvalidArgumentError(path + ": group '" + name +
                                "' holds no pyramid levels (need datasets s0, s1, … or 0, 1, …" +
                                (have.empty() ? std::string(")") : "; have: " + have + ")"));
  }
  if (spellings == 3) {
    return InvalidArgumentError(path + ": group '" + name + "' mixes level names s0, s1, … and 0, 1, …");
  }
  std::sort(levels.begin(), levels.end(), [](const LevelName& a, const LevelName& b) { return a.level < b.level; });
  const std::string prefix = spellings == 1 ? "s" : "";
  for (size_t i = 0; i < levels.size(); ++i) {
    if (levels[i].level != static_cast<int64_t>(i)) {
      std::string have;
      for (size_t j = 0; j < levels.size(); ++j) have += (j ? ", " : "") + prefix + std::to_string(levels[j].level);
      return InvalidArgumentError(path + ": group '" + name + "' has levels " + have + ": " + prefix +
                                  std::to_string(i) + " is missing");
    }
  }
  std::vector<std::string> names;
  for (const LevelName& level : levels) names.push_back(level.name);
  return names;
}

}  // namespace

Result<std::vector<std::shared_ptr<Source>>> OpenHdf5Levels(const std::string& path, const std::string& name) {
  const std::string normalized = NormalizeHdf5Path(name);
  bool is_group = false;
  ASSIGN_OR_RETURN(std::vector<std::string> level_names, GroupLevels(path, normalized, is_group));
  std::vector<std::shared_ptr<Source>> levels;
  if (!is_group) {
    ASSIGN_OR_RETURN(std::shared_ptr<Source> source, OpenHdf5Dataset(path, normalized));
    levels.push_back(std::move(source));
    return levels;
  }
  for (const std::string& level_name : level_names) {
    ASSIGN_OR_RETURN(std::shared_ptr<Source> source, OpenHdf5Dataset(path, level_name));
    levels.push_back(std::move(source));
  }
  return levels;
}

}  // namespace stackshot
