// Dataset, batch engine: the walk, the workers and the writer of a batch (batch.h), joined by
// bounded queues. One thread walks the inputs; `jobs` workers read, hash and extract them,
// each document within its own time budget (Limits::max_milliseconds); the calling thread
// owns the SQLite connection and writes each document as it comes, in any order, so that one
// slow file holds up nothing but its own worker.
#include "dataset/batch.h"

#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_set>

#include "dataset/jsonl.h"
#include "dataset/queue.h"
#include "dataset/walk.h"
#include "dataset/writer.h"
#include "ingest/read_input.h"
#include "util/sha256.h"
#include "xxgknb/xxgknb.h"

namespace xxgknb::dataset {
namespace {

using Clock = std::chrono::steady_clock;
using Json = nlohmann::ordered_json;

double millis_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// An input after its worker: its outcome and, unless skipped, its record for the dataset.
struct Done {
  Outcome outcome = Outcome::Error;
  std::uint64_t index = 0;   // position in the input order
  DocumentRecord record;
};

// Whether a file's identity, size or time stamp moved between two stat calls.
bool changed(const struct stat& before, const struct stat& after) {
  return before.st_dev != after.st_dev || before.st_ino != after.st_ino ||
         before.st_size != after.st_size || before.st_mtim.tv_sec != after.st_mtim.tv_sec ||
         before.st_mtim.tv_nsec != after.st_mtim.tv_nsec;
}

// What a file that is neither a regular file nor a folder is, or null for those two.
const char* special_file(mode_t mode) {
  if (S_ISFIFO(mode)) return "a named pipe";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return nullptr;
}

Done error_done(const WalkItem& item, Error error, std::string key) {
  Done done;
  done.outcome = Outcome::Error;
  done.record.path = item.path;
  done.record.key = std::move(key);
  error.source.path = item.path;
  done.record.text = to_json(error);
  return done;
}

// The rows are read off the very text `extract` prints: emitted once, parsed once.
void finish(Done& done, Clock::time_point start) {
  done.record.json = Json::parse(done.record.text);
  done.record.millis = millis_since(start);
}

// Claims a sha256 for this run: Skipped when the dataset has it, Duplicate when an earlier
// input of this run had it; nothing when it is this input's to extract.
class Claims {
 public:
  explicit Claims(std::unordered_set<std::string> in_dataset) : in_dataset_(std::move(in_dataset)) {}

  std::optional<Outcome> claim(const std::string& sha256) {
    std::lock_guard lock(mutex_);
    if (in_dataset_.count(sha256) != 0) return Outcome::Skipped;
    if (!this_run_.insert(sha256).second) return Outcome::Duplicate;
    return std::nullopt;
  }

 private:
  std::mutex mutex_;
  const std::unordered_set<std::string> in_dataset_;
  std::unordered_set<std::string> this_run_;
};

// One input, read and extracted. `claims` is null in streaming mode, where every input is
// extracted whatever its bytes.
Done process(const WalkItem& item, const Options& options, Claims* claims) {
  const Clock::time_point start = Clock::now();
  if (!item.problem.empty()) {
    Error error{"io_error", "cannot read " + item.path + ": " + item.problem, {}};
    Done done = error_done(item, std::move(error), unread_key(item.path));
    finish(done, start);
    return done;
  }
  struct stat before {};
  const bool stat_before = ::stat(item.path.c_str(), &before) == 0;
  // A named pipe nobody writes would block the worker in open(2) for ever, beyond any time
  // budget; a device or socket has no end. A batch reads files ("a named pipe, not a file").
  if (const char* what = stat_before ? special_file(before.st_mode) : nullptr) {
    Error error{"io_error", "cannot read " + item.path + ": it is " + what + ", not a file", {}};
    Done done = error_done(item, std::move(error), unread_key(item.path));
    finish(done, start);
    return done;
  }
  Result<std::string, Error> bytes = read_input_file(item.path, options.limits);
  if (!bytes) {
    Done done = error_done(item, std::move(bytes).error(), unread_key(item.path));
    finish(done, start);
    return done;
  }
  // A crawler still writing the file: what was read is no report anyone published.
  struct stat after {};
  const bool stat_after = ::stat(item.path.c_str(), &after) == 0;
  if (stat_before && stat_after && S_ISREG(after.st_mode) &&
      (changed(before, after) ||
       static_cast<std::uint64_t>(after.st_size) != bytes.value().size())) {
    Error error{"io_error",
                item.path + " changed while it was read (its size or time stamp moved); read "
                            "it again once it is complete",
                {}};
    Done done = error_done(item, std::move(error), unread_key(item.path));
    finish(done, start);
    return done;
  }
  Done done;
  done.record.path = item.path;
  done.record.key = sha256_hex(bytes.value());
  if (claims != nullptr) {
    if (const std::optional<Outcome> taken = claims->claim(done.record.key)) {
      done.outcome = *taken;
      done.record.millis = millis_since(start);
      return done;
    }
  }
  Result<Extraction, Error> result = extract_bytes_with_model(bytes.value(), item.path, options);
  if (result) {
    const Report& report = result.value().report;
    done.outcome = report.review.needs_review ? Outcome::Review : Outcome::Ok;
    done.record.text = to_json(report);
    done.record.source =
        source_text(report, result.value().document, options.limits.max_context_bytes);
  } else {
    done.outcome = Outcome::Error;
    done.record.text = to_json(result.error());
  }
  finish(done, start);
  return done;
}

std::string text_member(const Json& j, const char* object, const char* key) {
  const auto o = j.find(object);
  if (o == j.end() || !o->is_object()) return {};
  const auto v = o->find(key);
  return v != o->end() && v->is_string() ? v->get<std::string>() : std::string();
}

void tally(Summary& summary, const Done& done) {
  ++summary.files;
  switch (done.outcome) {
    case Outcome::Skipped: ++summary.skipped; return;
    case Outcome::Duplicate: ++summary.duplicates; return;
    case Outcome::Ok: ++summary.ok; break;
    case Outcome::Review: ++summary.review; break;
    case Outcome::Error:
      ++summary.errors;
      ++summary.errors_by_code[text_member(done.record.json, "error", "code")];
      break;
  }
  const std::string format = text_member(done.record.json, "source", "format");
  ++summary.by_format[format.empty() ? "none" : format];
  if (done.outcome != Outcome::Error) {
    ++summary.by_template[text_member(done.record.json, "meta", "template")];
  }
  auto& slowest = summary.slowest;
  slowest.emplace_back(done.record.millis, done.record.path);
  std::sort(slowest.begin(), slowest.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  if (slowest.size() > kSlowestKept) slowest.pop_back();
}

unsigned worker_count(unsigned jobs) {
  if (jobs != 0) return jobs;
  return std::max(1u, std::thread::hardware_concurrency());
}

// Starts `count` workers that pop inputs, process them and push what they made; the last
// one to finish closes `out`. Once `stop` (when not null) is set, they take no more inputs.
std::vector<std::thread> start_workers(unsigned count, BoundedQueue<std::pair<std::uint64_t, WalkItem>>& in,
                                       BoundedQueue<Done>& out, const Options& options,
                                       Claims* claims, std::atomic<unsigned>& running,
                                       const std::atomic<bool>* stop) {
  std::vector<std::thread> workers;
  running = count;
  for (unsigned i = 0; i < count; ++i) {
    workers.emplace_back([&in, &out, &options, claims, &running, stop] {
      while (std::optional<std::pair<std::uint64_t, WalkItem>> item = in.pop()) {
        if (stop != nullptr && stop->load()) break;
        Done done = process(item->second, options, claims);
        done.index = item->first;
        if (!out.push(std::move(done))) break;
      }
      if (--running == 0) out.close();
    });
  }
  return workers;
}

}  // namespace

const char* outcome_name(Outcome outcome) {
  switch (outcome) {
    case Outcome::Ok: return "ok";
    case Outcome::Review: return "review";
    case Outcome::Error: return "error";
    case Outcome::Skipped: return "skipped";
    case Outcome::Duplicate: return "duplicate";
  }
  return "error";
}

BatchResult run_batch(const BatchOptions& options, const ProgressFn& progress) {
  const Clock::time_point start = Clock::now();
  BatchResult result;
  Writer writer;
  if (result.problem = writer.open(options.db_path); !result.problem.empty()) return result;
  std::unordered_set<std::string> in_dataset;
  if (!options.force) {
    if (result.problem = writer.read_keys(in_dataset); !result.problem.empty()) return result;
  }
  std::optional<JsonlFile> jsonl;
  if (!options.jsonl_path.empty()) {
    jsonl.emplace();
    if (result.problem = jsonl->open(options.jsonl_path, writer); !result.problem.empty()) {
      return result;
    }
  }
  Claims claims(std::move(in_dataset));
  const unsigned jobs = worker_count(options.jobs);
  BoundedQueue<std::pair<std::uint64_t, WalkItem>> inputs(4 * jobs);
  BoundedQueue<Done> outputs(2 * jobs);
  std::atomic<bool> stop{false};
  std::atomic<std::uint64_t> total{0};

  // The count runs beside the walk so that the progress has a total (and an ETA) early; a
  // list read from a stream has no total before its end.
  std::thread counter;
  if (options.list == nullptr) {
    counter = std::thread([&] { total = count_inputs(options.paths, stop); });
  }
  std::thread walker([&] {
    std::uint64_t index = 0;
    walk_inputs(options.paths, options.list, options.list_separator, [&](WalkItem item) {
      return !stop.load() && inputs.push({index++, std::move(item)});
    });
    inputs.close();
  });
  std::atomic<unsigned> running{0};
  std::vector<std::thread> workers =
      start_workers(jobs, inputs, outputs, options.extract, &claims, running, &stop);
  // A signal stops the walk and the workers at once; the writer commits what is in flight.
  std::atomic<bool> finished{false};
  std::thread watcher;
  if (options.interrupt != nullptr) {
    watcher = std::thread([&] {
      for (; !finished.load(); std::this_thread::sleep_for(std::chrono::milliseconds(20))) {
        if (options.interrupt->load() != 0) {
          stop = true;
          inputs.close();
          return;
        }
      }
    });
  }

  while (std::optional<Done> done = outputs.pop()) {
    if (!result.problem.empty()) continue;   // draining after a failed write
    const bool extracted = done->outcome != Outcome::Skipped && done->outcome != Outcome::Duplicate;
    if (extracted) result.problem = writer.write(done->record);
    if (extracted && result.problem.empty() && jsonl) result.problem = jsonl->append(done->record.key, done->record.text);
    if (!result.problem.empty()) {
      stop = true;
      inputs.close();
      continue;
    }
    tally(result.summary, *done);
    result.summary.seconds = millis_since(start) / 1000;
    if (progress) progress({&result.summary, total.load(), result.summary.seconds});
  }
  walker.join();
  for (std::thread& worker : workers) worker.join();
  stop = true;
  finished = true;
  if (watcher.joinable()) watcher.join();
  if (counter.joinable()) counter.join();
  if (options.interrupt != nullptr) result.interrupted = options.interrupt->load();
  // The cross-report checks (W1–W3, W6) over the whole dataset, new documents and old: a
  // report's predecessor may have arrived in this batch or an earlier one. An interrupted
  // batch leaves them to the next run, which recomputes them all.
  if (result.problem.empty() && result.interrupted == 0) result.problem = writer.run_cross_checks();
  result.summary.seconds = millis_since(start) / 1000;
  return result;
}

BatchResult run_stream(const StreamOptions& options) {
  const Clock::time_point start = Clock::now();
  BatchResult result;
  const unsigned jobs = worker_count(options.jobs);
  // Output goes in input order: at most `window` inputs are between the reader and the
  // output, so a slow input holds memory for that many results, no more.
  const std::uint64_t window = 4 * static_cast<std::uint64_t>(jobs);
  BoundedQueue<std::pair<std::uint64_t, WalkItem>> inputs(window);
  BoundedQueue<Done> outputs(window);
  std::mutex mutex;
  std::condition_variable room;
  std::uint64_t written = 0;   // guarded by mutex
  bool stop = false;           // guarded by mutex

  std::thread reader([&] {
    std::string line;
    for (std::uint64_t index = 0; read_record(options.in, '\n', line); ++index) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      {
        std::unique_lock lock(mutex);
        room.wait(lock, [&] { return stop || index - written < window; });
        if (stop) break;
      }
      if (!inputs.push({index, WalkItem{line, {}}})) break;
    }
    inputs.close();
  });
  std::atomic<unsigned> running{0};
  std::vector<std::thread> workers =
      start_workers(jobs, inputs, outputs, options.extract, nullptr, running, nullptr);

  std::map<std::uint64_t, Done> waiting;
  std::uint64_t next = 0;
  while (std::optional<Done> done = outputs.pop()) {
    if (!result.problem.empty()) continue;
    waiting.emplace(done->index, std::move(*done));
    for (auto it = waiting.find(next); it != waiting.end(); it = waiting.find(next)) {
      const std::string& text = it->second.record.text;
      const bool ok = std::fwrite(text.data(), 1, text.size(), options.out) == text.size() &&
                      std::fputc('\n', options.out) != EOF && std::fflush(options.out) == 0;
      if (!ok) {
        result.problem = "cannot write the output: " +
                         std::error_code(errno, std::generic_category()).message();
        break;
      }
      tally(result.summary, it->second);
      waiting.erase(it);
      ++next;
      std::lock_guard lock(mutex);
      written = next;
      room.notify_all();
    }
    if (!result.problem.empty()) {
      {
        std::lock_guard lock(mutex);
        stop = true;
        room.notify_all();
      }
      inputs.close();
      waiting.clear();
    }
  }
  reader.join();
  for (std::thread& worker : workers) worker.join();
  result.summary.seconds = millis_since(start) / 1000;
  return result;
}

}  // namespace xxgknb::dataset
