#include "bench/bench_html.h"

#include <algorithm>
#include <cstdio>
#include <fstream>

namespace stackshot {
namespace {

std::string Escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string Num(double v, const char* format = "%.4g") {
  char buffer[48];
  std::snprintf(buffer, sizeof(buffer), format, v);
  return buffer;
}

const char* VerdictColour(Verdict verdict) {
  switch (verdict) {
    case Verdict::kRegressed: return "#c62828";
    case Verdict::kImproved: return "#2e7d32";
    default: return "#1565c0";
  }
}

constexpr double kWidth = 640, kLeft = 90, kRight = 20, kRowHeight = 34;

// One row: label, samples as dots, min–max whisker, median bar.
std::string Row(const std::string& label, const ScenarioResult& s, double y, double scale, const char* colour) {
  std::string svg;
  const auto x = [&](double v) { return kLeft + v * scale; };
  svg += "<text x=\"4\" y=\"" + Num(y + 15) + "\" font-size=\"12\">" + Escape(label) + "</text>";
  svg += "<rect x=\"" + Num(kLeft) + "\" y=\"" + Num(y + 6) + "\" width=\"" + Num(s.median * scale) +
         "\" height=\"14\" fill=\"" + colour + "\" fill-opacity=\"0.35\"><title>median " + Num(s.median) +
         " ms</title></rect>";
  svg += "<line x1=\"" + Num(x(s.min)) + "\" x2=\"" + Num(x(s.max)) + "\" y1=\"" + Num(y + 13) + "\" y2=\"" +
         Num(y + 13) + "\" stroke=\"#333\"/>";
  auto it = s.samples.find(s.primary);
  if (it != s.samples.end()) {
    for (double v : it->second) {
      svg += "<circle cx=\"" + Num(x(v)) + "\" cy=\"" + Num(y + 13) + "\" r=\"2.5\" fill=\"" + colour + "\"/>";
    }
  }
  svg += "<line x1=\"" + Num(x(s.median)) + "\" x2=\"" + Num(x(s.median)) + "\" y1=\"" + Num(y + 3) + "\" y2=\"" +
         Num(y + 23) + "\" stroke=\"" + colour + "\" stroke-width=\"2\"/>";
  svg += "<text x=\"" + Num(std::min(x(s.max) + 6, kWidth - 70)) + "\" y=\"" + Num(y + 28) +
         "\" font-size=\"10\" fill=\"#555\">" + Num(s.median) + " ms</text>";
  return svg;
}

std::string Chart(const ScenarioResult& s, const ScenarioResult* base, Verdict verdict) {
  double top = std::max(s.max, s.median);
  if (base) top = std::max({top, base->max, base->median});
  if (!(top > 0)) top = 1;
  const double scale = (kWidth - kLeft - kRight) / (top * 1.08);
  const int rows = base ? 2 : 1;
  const double height = rows * kRowHeight + 22;
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + Num(kWidth) + "\" height=\"" +
                    Num(height) + "\" role=\"img\" aria-label=\"" + Escape(s.name) + "\">";
  double y = 2;
  if (base) {
    svg += Row("baseline", *base, y, scale, "#757575");
    y += kRowHeight;
  }
  svg += Row("this run", s, y, scale, VerdictColour(verdict));
  // Axis: 0 and the top value in milliseconds.
  const double axis_y = rows * kRowHeight + 6;
  svg += "<line x1=\"" + Num(kLeft) + "\" x2=\"" + Num(kWidth - kRight) + "\" y1=\"" + Num(axis_y) + "\" y2=\"" +
         Num(axis_y) + "\" stroke=\"#999\"/>";
  svg += "<text x=\"" + Num(kLeft) + "\" y=\"" + Num(axis_y + 13) + "\" font-size=\"10\">0</text>";
  svg += "<text x=\"" + Num(kWidth - kRight - 60) + "\" y=\"" + Num(axis_y + 13) + "\" font-size=\"10\">" +
         Num(top * 1.08) + " ms</text>";
  return svg + "</svg>";
}

std::string FiguresTable(const ScenarioResult& s) {
  std::string html = "<table><tr><th>figure</th><th>value</th></tr>";
  auto row = [&html](const std::string& name, const std::string& value) {
    html += "<tr><td>" + Escape(name) + "</td><td>" + Escape(value) + "</td></tr>";
  };
  row(s.primary + " median (min–max)", Num(s.median) + " (" + Num(s.min) + "–" + Num(s.max) + ")");
  auto it = s.samples.find(s.primary);
  row("samples", std::to_string(it == s.samples.end() ? 0 : it->second.size()) + (s.stable ? ", stable" : ""));
  for (const auto& [name, value] : s.figures) row(name, Num(value));
  row("peak memory", Num(static_cast<double>(s.peak_rss_bytes) / (1024.0 * 1024.0), "%.1f") + " MiB");
  row("bytes read", Num(static_cast<double>(s.bytes_read), "%.0f"));
  std::string params;
  for (const auto& [name, value] : s.parameters) params += (params.empty() ? "" : ", ") + name + "=" + Num(value);
  row("parameters", params);
  return html + "</table>";
}

}  // namespace

std::string RenderBenchHtml(const BenchReport& current, const BenchReport* baseline, const Comparison* comparison) {
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>stackshot bench</title><style>"
      "body{font-family:sans-serif;margin:2em;max-width:60em}h2{margin-top:1.6em}"
      "table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:2px 8px;text-align:left}"
      ".regressed{color:#c62828}.improved{color:#2e7d32}.note{color:#555}</style></head><body>\n";
  html += "<h1>stackshot bench</h1><p>" + Escape(current.created) + " · stackshot " +
          Escape(current.stackshot_version) + " · " + Escape(current.build_type) + " build · " +
          Escape(current.machine.cpu) + " (" + std::to_string(current.machine.cpus) + " cpus) · " +
          (current.quick ? "quick" : "full") + " run</p>\n";
  if (baseline) {
    html += "<p>Baseline: " + Escape(baseline->created) + " · " + Escape(baseline->build_type) + " build · " +
            Escape(baseline->machine.cpu) + "</p>\n";
  }
  if (comparison) {
    const size_t regressed = comparison->With(Verdict::kRegressed).size();
    html += std::string("<p class=\"") + (regressed ? "regressed" : "improved") + "\"><b>" +
            (regressed ? std::to_string(regressed) + " scenario(s) regressed" : "no regression") +
            "</b> (limit " + Num(comparison->max_regression_pct) + "%)</p>\n";
  }
  for (const ScenarioResult& s : current.scenarios) {
    const ScenarioResult* base = baseline ? baseline->Find(s.name) : nullptr;
    Verdict verdict = Verdict::kUnchanged;
    std::string verdict_text;
    if (comparison) {
      for (const ScenarioComparison& c : comparison->scenarios) {
        if (c.name != s.name) continue;
        verdict = c.verdict;
        verdict_text = DescribeComparison(c, comparison->max_regression_pct);
      }
    }
    html += "<h2>" + Escape(s.name) + "</h2><p class=\"note\">" + Escape(s.summary) + "</p>\n";
    if (!s.ok()) {
      html += "<p class=\"note\">" + Escape(s.status) + ": " + Escape(s.note) + "</p>\n";
      continue;
    }
    if (!verdict_text.empty()) {
      html += "<p class=\"" + std::string(VerdictName(verdict)) + "\">" + VerdictName(verdict) + " — " +
              Escape(verdict_text) + "</p>\n";
    }
    html += Chart(s, base && base->ok() ? base : nullptr, verdict) + "\n" + FiguresTable(s) + "\n";
  }
  return html + "</body></html>\n";
}

Status WriteBenchHtml(const std::string& html, const std::string& path) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return IoError(path + ": cannot open for writing");
  out << html;
  out.close();
  if (!out) return IoError(path + ": write failed");
  return Status::Ok();
}

}  // namespace stackshot
