#include "bench/bench_report.h"

#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
#include <ctime>
#include <fstream>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#ifndef STACKSHOT_BUILD_TYPE
#define STACKSHOT_BUILD_TYPE ""
#endif
#ifndef STACKSHOT_VERSION
#define STACKSHOT_VERSION "0.0.0"
#endif

namespace stackshot {
namespace {

using nlohmann::json;

std::string CpuModel() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("model name", 0) == 0) {
      const size_t colon = line.find(':');
      if (colon != std::string::npos) return line.substr(line.find_first_not_of(' ', colon + 1));
    }
  }
  return "unknown";
}

json ScenarioToJson(const ScenarioResult& s) {
  json j;
  j["name"] = s.name;
  j["summary"] = s.summary;
  j["status"] = s.status;
  j["note"] = s.note;
  j["primary"] = s.primary;
  j["unit"] = "ms";
  j["parameters"] = s.parameters;
  j["samples"] = s.samples;
  j["median"] = s.median;
  j["min"] = s.min;
  j["max"] = s.max;
  j["stable"] = s.stable;
  j["elapsed_s"] = s.elapsed_s;
  j["figures"] = s.figures;
  j["peak_rss_bytes"] = s.peak_rss_bytes;
  j["bytes_read"] = s.bytes_read;
  return j;
}

// Typed field access with the JSON pointer of the field in messages.
class Reader {
 public:
  explicit Reader(std::string where) : where_(std::move(where)) {}

  template <typename T>
  Status Get(const json& object, const std::string& pointer, const char* key, T& out) const {
    auto it = object.find(key);
    if (it == object.end()) return InvalidArgumentError(where_ + "#" + pointer + "/" + key + ": missing");
    if constexpr (std::is_same_v<T, std::string>) {
      if (!it->is_string()) return Wrong(pointer, key, "a string");
    } else if constexpr (std::is_same_v<T, bool>) {
      if (!it->is_boolean()) return Wrong(pointer, key, "true or false");
    } else {
      if (!it->is_number()) return Wrong(pointer, key, "a number");
    }
    out = it->get<T>();
    return Status::Ok();
  }

  Status Object(const json& object, const std::string& pointer, const char* key, const json*& out) const {
    auto it = object.find(key);
    if (it == object.end()) return InvalidArgumentError(where_ + "#" + pointer + "/" + key + ": missing");
    if (!it->is_object()) return Wrong(pointer, key, "an object");
    out = &*it;
    return Status::Ok();
  }

  Status Numbers(const json& object, const std::string& pointer, std::map<std::string, double>& out) const {
    for (const auto& [k, v] : object.items()) {
      if (!v.is_number()) return InvalidArgumentError(where_ + "#" + pointer + "/" + k + ": must be a number");
      out[k] = v.get<double>();
    }
    return Status::Ok();
  }

 private:
  Status Wrong(const std::string& pointer, const char* key, const char* what) const {
    return InvalidArgumentError(where_ + "#" + pointer + "/" + key + ": must be " + what);
  }
  std::string where_;
};

Result<ScenarioResult> ScenarioFromJson(const json& j, const std::string& pointer, const Reader& r,
                                        const std::string& where) {
  if (!j.is_object()) return InvalidArgumentError(where + "#" + pointer + ": must be an object");
  ScenarioResult s;
  RETURN_IF_ERROR(r.Get(j, pointer, "name", s.name));
  RETURN_IF_ERROR(r.Get(j, pointer, "summary", s.summary));
  RETURN_IF_ERROR(r.Get(j, pointer, "status", s.status));
  if (s.status != "ok" && s.status != "unavailable" && s.status != "failed") {
    return InvalidArgumentError(where + "#" + pointer + "/status: must be ok, unavailable or failed, got '" +
                                s.status + "'");
  }
  RETURN_IF_ERROR(r.Get(j, pointer, "note", s.note));
  RETURN_IF_ERROR(r.Get(j, pointer, "primary", s.primary));
  const json* params = nullptr;
  RETURN_IF_ERROR(r.Object(j, pointer, "parameters", params));
  RETURN_IF_ERROR(r.Numbers(*params, pointer + "/parameters", s.parameters));
  const json* samples = nullptr;
  RETURN_IF_ERROR(r.Object(j, pointer, "samples", samples));
  for (const auto& [series, values] : samples->items()) {
    const std::string at = pointer + "/samples/" + series;
    if (!values.is_array()) return InvalidArgumentError(where + "#" + at + ": must be an array of numbers");
    std::vector<double>& out = s.samples[series];
    for (const auto& v : values) {
      if (!v.is_number()) return InvalidArgumentError(where + "#" + at + ": must be an array of numbers");
      out.push_back(v.get<double>());
    }
  }
  RETURN_IF_ERROR(r.Get(j, pointer, "median", s.median));
  RETURN_IF_ERROR(r.Get(j, pointer, "min", s.min));
  RETURN_IF_ERROR(r.Get(j, pointer, "max", s.max));
  RETURN_IF_ERROR(r.Get(j, pointer, "stable", s.stable));
  RETURN_IF_ERROR(r.Get(j, pointer, "elapsed_s", s.elapsed_s));
  const json* figures = nullptr;
  RETURN_IF_ERROR(r.Object(j, pointer, "figures", figures));
  RETURN_IF_ERROR(r.Numbers(*figures, pointer + "/figures", s.figures));
  RETURN_IF_ERROR(r.Get(j, pointer, "peak_rss_bytes", s.peak_rss_bytes));
  RETURN_IF_ERROR(r.Get(j, pointer, "bytes_read", s.bytes_read));
  return s;
}

}  // namespace

MachineInfo DescribeMachine() {
  MachineInfo m;
  char host[256] = {};
  if (gethostname(host, sizeof(host) - 1) == 0) m.hostname = host;
  utsname u{};
  if (uname(&u) == 0) m.os = std::string(u.sysname) + " " + u.release + " " + u.machine;
  m.cpu = CpuModel();
  m.cpus = static_cast<int>(std::thread::hardware_concurrency());
  const long pages = sysconf(_SC_PHYS_PAGES);
  const long page_size = sysconf(_SC_PAGESIZE);
  if (pages > 0 && page_size > 0) m.memory_bytes = static_cast<uint64_t>(pages) * static_cast<uint64_t>(page_size);
#if defined(__clang__)
  m.compiler = "clang " __clang_version__;
#elif defined(__GNUC__)
  m.compiler = "gcc " __VERSION__;
#else
  m.compiler = "unknown";
#endif
  return m;
}

std::string BuildType() {
  const std::string type = STACKSHOT_BUILD_TYPE;
  return type.empty() ? "unknown" : type;
}

std::string StackshotVersion() { return STACKSHOT_VERSION; }

std::string UtcTimestamp() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof(buffer), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

SeriesStats Summarize(std::vector<double> values) {
  if (values.empty()) return {};
  std::sort(values.begin(), values.end());
  const size_t n = values.size();
  const double median = n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  return {median, values.front(), values.back()};
}

const ScenarioResult* BenchReport::Find(const std::string& name) const {
  for (const ScenarioResult& s : scenarios) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

std::string ReportToJson(const BenchReport& report) {
  json j;
  j["schema"] = kBenchSchemaName;
  j["version"] = report.version;
  j["created"] = report.created;
  j["stackshot_version"] = report.stackshot_version;
  j["build_type"] = report.build_type;
  j["machine"] = {{"hostname", report.machine.hostname}, {"os", report.machine.os},
                  {"cpu", report.machine.cpu},           {"cpus", report.machine.cpus},
                  {"memory_bytes", report.machine.memory_bytes}, {"compiler", report.machine.compiler}};
  j["settings"] = {{"quick", report.quick}, {"threads", report.threads}, {"budget_s", report.budget_s}};
  j["scenarios"] = json::array();
  for (const ScenarioResult& s : report.scenarios) j["scenarios"].push_back(ScenarioToJson(s));
  return j.dump(2) + "\n";
}

Result<BenchReport> ParseReport(const std::string& text, const std::string& where) {
  const json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return InvalidArgumentError(where + ": not valid JSON");
  if (!j.is_object()) return InvalidArgumentError(where + ": not a stackshot bench report (a JSON object expected)");
  const Reader r(where);
  // Schema and version first: a report of another version has another layout.
  if (auto it = j.find("schema"); it == j.end() || !it->is_string() || it->get<std::string>() != kBenchSchemaName) {
    return InvalidArgumentError(where + ": not a stackshot bench report (\"schema\" is not \"" +
                                std::string(kBenchSchemaName) + "\")");
  }
  BenchReport report;
  RETURN_IF_ERROR(r.Get(j, "", "version", report.version));
  if (report.version != kBenchSchemaVersion) {
    return InvalidArgumentError(where + ": schema version " + std::to_string(report.version) +
                                ", but this stackshot reads version " + std::to_string(kBenchSchemaVersion) +
                                " (record a new baseline with this version)");
  }
  RETURN_IF_ERROR(r.Get(j, "", "created", report.created));
  RETURN_IF_ERROR(r.Get(j, "", "stackshot_version", report.stackshot_version));
  RETURN_IF_ERROR(r.Get(j, "", "build_type", report.build_type));
  const json* machine = nullptr;
  RETURN_IF_ERROR(r.Object(j, "", "machine", machine));
  RETURN_IF_ERROR(r.Get(*machine, "/machine", "hostname", report.machine.hostname));
  RETURN_IF_ERROR(r.Get(*machine, "/machine", "os", report.machine.os));
  RETURN_IF_ERROR(r.Get(*machine, "/machine", "cpu", report.machine.cpu));
  RETURN_IF_ERROR(r.Get(*machine, "/machine", "cpus", report.machine.cpus));
  RETURN_IF_ERROR(r.Get(*machine, "/machine", "memory_bytes", report.machine.memory_bytes));
  RETURN_IF_ERROR(r.Get(*machine, "/machine", "compiler", report.machine.compiler));
  const json* settings = nullptr;
  RETURN_IF_ERROR(r.Object(j, "", "settings", settings));
  RETURN_IF_ERROR(r.Get(*settings, "/settings", "quick", report.quick));
  RETURN_IF_ERROR(r.Get(*settings, "/settings", "threads", report.threads));
  RETURN_IF_ERROR(r.Get(*settings, "/settings", "budget_s", report.budget_s));
  auto scenarios = j.find("scenarios");
  if (scenarios == j.end() || !scenarios->is_array()) {
    return InvalidArgumentError(where + "#/scenarios: must be an array");
  }
  for (size_t i = 0; i < scenarios->size(); ++i) {
    ASSIGN_OR_RETURN(ScenarioResult s,
                     ScenarioFromJson((*scenarios)[i], "/scenarios/" + std::to_string(i), r, where));
    if (report.Find(s.name)) {
      return InvalidArgumentError(where + "#/scenarios/" + std::to_string(i) + ": scenario '" + s.name +
                                  "' appears twice");
    }
    report.scenarios.push_back(std::move(s));
  }
  return report;
}

Status WriteReport(const BenchReport& report, const std::string& path) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return IoError(path + ": cannot open for writing");
  out << ReportToJson(report);
  out.close();
  if (!out) return IoError(path + ": write failed");
  return Status::Ok();
}

Result<BenchReport> ReadReport(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError(path + ": cannot open");
  std::ostringstream text;
  text << in.rdbuf();
  return ParseReport(text.str(), path);
}

}  // namespace stackshot
