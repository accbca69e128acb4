// Benchmark, per stage: Google Benchmark timings of each pipeline stage on its own (ingest of
// a .docx and of a text report, normalize, segment, tables, template mapping with derive,
// checks with the review verdict, emit) and of the whole pipeline, on two reports of the
// golden corpus. Each stage is fed what the stages before it made, as src/pipeline.cpp does.
// Usage: xxgknb_stage_bench [--benchmark_filter=REGEX] [--benchmark_out=FILE.json …]
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>

#include "checks/checks.h"
#include "ingest/ingest.h"
#include "normalize/normalize.h"
#include "segment/segment.h"
#include "tables/tables.h"
#include "templates/derive.h"
#include "templates/templates.h"
#include "xxgknb/xxgknb.h"

namespace xxgknb {
namespace {

std::string slurp(const std::string& relative) {
  const std::string path = std::string(XXGKNB_SOURCE_DIR) + "/" + relative;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "xxgknb_stage_bench: cannot read %s\n", path.c_str());
    std::exit(1);
  }
  std::ostringstream s;
  s << in.rdbuf();
  return std::move(s).str();
}

// One input and what every stage made of it, computed once.
struct Prepared {
  std::string bytes;
  Document ingested;    // as ingest left it
  Document normalized;  // after normalize
  Segments segments;
  Layout layout;
  Report report;        // the pipeline's report, its checks and review cleared
};

const Prepared& prepared(bool docx) {
  auto make = [](const char* path) {
    Prepared p;
    p.bytes = slurp(path);
    Result<Document, Error> d = ingest(p.bytes, Limits{}, Deadline::none());
    if (!d) {
      std::fprintf(stderr, "xxgknb_stage_bench: %s: %s\n", path, d.error().message.c_str());
      std::exit(1);
    }
    p.ingested = std::move(d).value();
    p.normalized = p.ingested;
    normalize(p.normalized);
    p.segments = segment(p.normalized);
    p.layout = lay_out(p.normalized);
    Result<Report, Error> r = extract_bytes(p.bytes, path);
    if (!r) {
      std::fprintf(stderr, "xxgknb_stage_bench: %s: %s\n", path, r.error().message.c_str());
      std::exit(1);
    }
    p.report = std::move(r).value();
    p.report.checks.clear();
    p.report.review = Review{};
    return p;
  };
  static const Prepared kDocx = make("corpus/v2021-docx/filled/input.docx");
  static const Prepared kText = make("corpus/v2021-text/tika/input.txt");
  return docx ? kDocx : kText;
}

void set_bytes(benchmark::State& state, const Prepared& p) {
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * p.bytes.size()));
}

void BM_IngestDocx(benchmark::State& state) {
  const Prepared& p = prepared(true);
  for (auto _ : state) {
    Result<Document, Error> d = read_docx(p.bytes, Limits{}, Deadline::none());
    benchmark::DoNotOptimize(d);
  }
  set_bytes(state, p);
}

void BM_IngestText(benchmark::State& state) {
  const Prepared& p = prepared(false);
  for (auto _ : state) {
    Result<Document, Error> d = read_text(p.bytes, Limits{}, Deadline::none());
    benchmark::DoNotOptimize(d);
  }
  set_bytes(state, p);
}

// The stages after ingest, on the .docx (arg 1) or the text report (arg 0).
void BM_Normalize(benchmark::State& state) {
  const Prepared& p = prepared(state.range(0) != 0);
  for (auto _ : state) {
    state.PauseTiming();
    Document d = p.ingested;  // normalize writes into the document it is given
    state.ResumeTiming();
    normalize(d);
    benchmark::DoNotOptimize(d);
  }
}

void BM_Segment(benchmark::State& state) {
  const Prepared& p = prepared(state.range(0) != 0);
  for (auto _ : state) {
    Segments s = segment(p.normalized);
    benchmark::DoNotOptimize(s);
  }
}

void BM_Tables(benchmark::State& state) {
  const Prepared& p = prepared(state.range(0) != 0);
  for (auto _ : state) {
    Layout l = lay_out(p.normalized);
    benchmark::DoNotOptimize(l);
  }
}

void BM_Mapping(benchmark::State& state) {
  const Prepared& p = prepared(state.range(0) != 0);
  for (auto _ : state) {
    Mapping m = map_template(p.normalized, p.layout, p.segments);
    derive(m);
    benchmark::DoNotOptimize(m);
  }
}

void BM_Checks(benchmark::State& state) {
  const Prepared& p = prepared(state.range(0) != 0);
  const Options options;
  for (auto _ : state) {
    state.PauseTiming();
    Report r = p.report;  // checks append to the report they are given
    r.index_fields();
    state.ResumeTiming();
    run_checks(r, p.normalized);
    assess_review(r, options);
    benchmark::DoNotOptimize(r);
  }
}

void BM_Emit(benchmark::State& state) {
  const Prepared& p = prepared(state.range(0) != 0);
  for (auto _ : state) {
    std::string json = to_json(p.report);
    benchmark::DoNotOptimize(json);
  }
}

void BM_Pipeline(benchmark::State& state) {
  const Prepared& p = prepared(state.range(0) != 0);
  for (auto _ : state) {
    Result<Report, Error> r = extract_bytes(p.bytes, "input");
    std::string json = r ? to_json(r.value()) : to_json(r.error());
    benchmark::DoNotOptimize(json);
  }
  set_bytes(state, p);
}

BENCHMARK(BM_IngestDocx)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_IngestText)->Unit(benchmark::kMicrosecond);
// Arg 1: the .docx report; arg 0: the text report.
BENCHMARK(BM_Normalize)->Arg(1)->Arg(0)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Segment)->Arg(1)->Arg(0)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Tables)->Arg(1)->Arg(0)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Mapping)->Arg(1)->Arg(0)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Checks)->Arg(1)->Arg(0)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Emit)->Arg(1)->Arg(0)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Pipeline)->Arg(1)->Arg(0)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace xxgknb

BENCHMARK_MAIN();
