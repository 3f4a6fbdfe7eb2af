// A self-contained HTML page of a bench run: per scenario an inline SVG chart of
// this run's samples (dots), min–max (whisker) and median (bar) against the
// baseline's, coloured by the comparison's verdict, and the scenario's figures. No
// scripts, no external files: a CI artifact a person opens to see a regression.
#pragma once

#include <string>

#include "bench/bench_compare.h"
#include "bench/bench_report.h"

namespace stackshot {

// `baseline` and `comparison` may be null (no --compare).
std::string RenderBenchHtml(const BenchReport& current, const BenchReport* baseline, const Comparison* comparison);

Status WriteBenchHtml(const std::string& html, const std::string& path);

}  // namespace stackshot
