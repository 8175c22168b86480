#include <simdjson.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <chrono>
#include <map>

#include "doppel/cluster.h"
#include "doppel/hash.h"
#include "doppel/passages.h"
#include "io/atomic_file.h"
#include "io/document_reader.h"
#include "io/json_writer.h"
#include "io/jsonl_writer.h"
#include "passages/token_store.h"
#include "pipeline/scratch.h"
#include "util/equal_runs.h"

namespace doppel {
namespace {

using passages::StoredToken;
using passages::TokenStore;

constexpr size_t kBatchDocs = 256;

struct DocInfo {
  std::string id;
  uint64_t token_offset = 0;
  uint32_t tokens = 0;
  bool rejected = false;
};

// One document's span [first, end) of tokens, found repeated elsewhere.
struct Occurrence {
  uint32_t doc;
  uint32_t first;
  uint32_t end;
};

// A winnowed seed: the hash of `seed_words` tokens starting at `pos`.
struct Seed {
  uint64_t hash;
  uint32_t doc;
  uint32_t pos;
  friend bool operator<(const Seed& x, const Seed& y) {
    return x.hash != y.hash ? x.hash < y.hash : x.doc != y.doc ? x.doc < y.doc : x.pos < y.pos;
  }
};

// Winnowing (Schleimer et al. 2003): hash every run of k tokens and keep,
// from every window of w consecutive run hashes, the smallest (the
// rightmost on ties). Two texts sharing at least w + k - 1 identical tokens
// share a kept hash. Appends (hash, position) pairs, each position once.
void Winnow(const std::vector<uint64_t>& tokens, int k, int w,
            std::vector<std::pair<uint64_t, uint32_t>>* out) {
  out->clear();
  if (tokens.size() < static_cast<size_t>(k)) return;
  std::vector<uint64_t> grams;
  for (size_t i = 0; i + static_cast<size_t>(k) <= tokens.size(); ++i) {
    uint64_t h = 0;
    for (int j = 0; j < k; ++j) h = Mix64(h ^ tokens[i + static_cast<size_t>(j)]);
    grams.push_back(h);
  }
  const size_t window = std::min(grams.size(), static_cast<size_t>(w));
  int64_t last = -1;
  for (size_t i = 0; i + window <= grams.size(); ++i) {
    size_t best = i;
    for (size_t q = i + 1; q < i + window; ++q) {
      if (grams[q] <= grams[best]) best = q;
    }
    if (static_cast<int64_t>(best) != last) {
      out->emplace_back(grams[best], static_cast<uint32_t>(best));
      last = static_cast<int64_t>(best);
    }
  }
}

struct Batch {
  std::vector<io::Document> docs;
  std::vector<std::vector<StoredToken>> tokens;
  std::vector<std::vector<std::pair<uint64_t, uint32_t>>> seeds;
};

// Pass 1: every document's tokens to the store, its winnowed seeds to memory.
Status ReadCorpus(const std::vector<io::InputFile>& files, const PassageOptions& o,
                  TokenStore* store, std::vector<DocInfo>* docs, std::vector<Seed>* seeds) {
  io::ReaderOptions ro;
  ro.input = o.input;
  io::DocumentReader reader(files, ro);
  Normalizer normalizer(o.normalize);
  const int window = o.min_words - o.seed_words + 1;
  for (bool more = true; more;) {
    Batch b;
    while (b.docs.size() < kBatchDocs) {
      b.docs.emplace_back();
      DOPPEL_ASSIGN_OR_RETURN(more, reader.Next(&b.docs.back()));
      if (!more) {
        b.docs.pop_back();
        break;
      }
    }
    b.tokens.resize(b.docs.size());
    b.seeds.resize(b.docs.size());
    tbb::parallel_for(size_t{0}, b.docs.size(), [&](size_t i) {
      thread_local NormalizedText norm;
      thread_local std::vector<uint64_t> hashes;
      if (!b.docs[i].reject.empty()) return;
      normalizer.Normalize(b.docs[i].text, &norm);
      hashes = TokenHashes(norm);
      for (size_t t = 0; t < norm.tokens.size(); ++t) {
        b.tokens[i].push_back({hashes[t], norm.tokens[t].orig_begin, norm.tokens[t].orig_end});
      }
      Winnow(hashes, o.seed_words, window, &b.seeds[i]);
    });
    for (size_t i = 0; i < b.docs.size(); ++i) {
      auto index = static_cast<uint32_t>(docs->size());
      DocInfo info;
      info.id = b.docs[i].id;
      info.rejected = !b.docs[i].reject.empty();
      DOPPEL_ASSIGN_OR_RETURN(info.token_offset, store->Append(b.tokens[i]));
      info.tokens = static_cast<uint32_t>(b.tokens[i].size());
      for (auto [hash, pos] : b.seeds[i]) seeds->push_back({hash, index, pos});
      docs->push_back(std::move(info));
    }
  }
  return store->Seal();
}

// A seed shared by a document and the first document that carries it.
struct Hit {
  uint32_t x;  // the first document
  uint32_t y;  // a later one
  uint32_t px;
  uint32_t py;
  friend bool operator<(const Hit& l, const Hit& r) {
    return l.x != r.x ? l.x < r.x : l.y != r.y ? l.y < r.y : l.py < r.py;
  }
};

// Every later document carrying a seed meets the first document carrying it.
std::vector<Hit> SeedHits(std::vector<Seed>* seeds) {
  std::sort(seeds->begin(), seeds->end());
  std::vector<Hit> hits;
  util::ForEachEqualRun(
      std::span<const Seed>(*seeds), [](const Seed& x, const Seed& y) { return x.hash == y.hash; },
      [&](std::span<const Seed> run) {
        const Seed& first = run[0];
        for (const Seed& s : run.subspan(1)) {
          if (s.doc != first.doc) hits.push_back({first.doc, s.doc, first.pos, s.pos});
        }
      });
  std::sort(hits.begin(), hits.end());
  return hits;
}

// A passage of document y that repeats one of the earlier document x.
struct Repeat {
  uint32_t x;
  uint32_t y;
  uint32_t x_first, x_end;
  uint32_t y_first, y_end;
};

std::vector<uint64_t> Hashes(std::span<const StoredToken> tokens) {
  std::vector<uint64_t> h(tokens.size());
  for (size_t i = 0; i < tokens.size(); ++i) h[i] = tokens[i].hash;
  return h;
}

struct PassageGroup {
  std::vector<Occurrence> occurrences;  // the first occurrence, then the repeats in order
  uint32_t documents = 0;
  std::vector<size_t> repeats;  // indexes into the repeat list
};

// Points each repeat at the first occurrence of its text: when the span it
// repeats (in x) is itself, for at least half, a repeat of an earlier
// document's span, the repeat is of that earlier span. (Seeds are chosen per
// document, so a passage's seeds can first appear in different documents.)
void TraceToFirstOccurrence(std::vector<Repeat>* repeats, size_t documents) {
  std::vector<std::vector<size_t>> incoming(documents);
  for (size_t i = 0; i < repeats->size(); ++i) incoming[(*repeats)[i].y].push_back(i);
  std::vector<size_t> order(repeats->size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t l, size_t r) { return (*repeats)[l].x < (*repeats)[r].x; });
  for (size_t i : order) {  // repeats into x come from documents before x: already traced
    Repeat& rep = (*repeats)[i];
    for (size_t k : incoming[rep.x]) {
      const Repeat& in = (*repeats)[k];
      uint32_t lo = std::max(in.y_first, rep.x_first);
      uint32_t hi = std::min(in.y_end, rep.x_end);
      if (hi > lo && 2 * (hi - lo) >= rep.x_end - rep.x_first) {
        rep.x = in.x;
        rep.x_first = in.x_first;
        rep.x_end = in.x_end;
        break;
      }
    }
  }
}

// Groups repeats into passages: repeats whose spans in the same earlier
// document overlap by at least half of the shorter are one passage, whose
// first occurrence is the union of those spans.
std::vector<PassageGroup> GroupRepeats(const std::vector<Repeat>& repeats) {
  std::vector<size_t> order(repeats.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t l, size_t r) {
    const Repeat& a = repeats[l];
    const Repeat& b = repeats[r];
    if (a.x != b.x) return a.x < b.x;
    if (a.x_first != b.x_first) return a.x_first < b.x_first;
    return l < r;
  });
  std::vector<PassageGroup> groups;
  for (size_t k = 0; k < order.size();) {
    const Repeat& head = repeats[order[k]];
    PassageGroup g;
    Occurrence source{head.x, head.x_first, head.x_end};
    size_t m = k;
    while (m < order.size()) {
      const Repeat& r = repeats[order[m]];
      if (r.x != head.x) break;
      uint32_t overlap = r.x_first < source.end ? std::min(source.end, r.x_end) - r.x_first : 0;
      uint32_t shorter = std::min(source.end - source.first, r.x_end - r.x_first);
      if (m > k && 2 * overlap < shorter) break;
      source.end = std::max(source.end, r.x_end);
      g.repeats.push_back(order[m]);
      ++m;
    }
    std::sort(g.repeats.begin(), g.repeats.end(), [&](size_t l, size_t r) {
      return repeats[l].y != repeats[r].y ? repeats[l].y < repeats[r].y
                                          : repeats[l].y_first < repeats[r].y_first;
    });
    g.occurrences.push_back(source);
    g.documents = 1;
    for (size_t i : g.repeats) {
      const Repeat& r = repeats[i];
      Occurrence& last = g.occurrences.back();
      if (g.occurrences.size() > 1 && last.doc == r.y && r.y_first < last.end) {
        last.end = std::max(last.end, r.y_end);
        continue;
      }
      g.documents += g.occurrences.size() == 1 || last.doc != r.y;
      g.occurrences.push_back({r.y, r.y_first, r.y_end});
    }
    groups.push_back(std::move(g));
    k = m;
  }
  return groups;
}

Status WritePassages(const std::string& path, const std::vector<PassageGroup>& groups,
                     const std::vector<DocInfo>& docs, const TokenStore& store,
                     uint32_t boilerplate_documents) {
  io::JsonlWriter file;
  DOPPEL_RETURN_IF_ERROR(file.Open(path));
  io::JsonWriter w;
  for (size_t k = 0; k < groups.size(); ++k) {
    const PassageGroup& g = groups[k];
    w.Clear();
    w.BeginObject()
        .Key("passage")
        .Uint(k)
        .Key("documents")
        .Uint(g.documents)
        .Key("boilerplate")
        .Bool(g.documents > boilerplate_documents)
        .Key("words")
        .Uint(g.occurrences.front().end - g.occurrences.front().first)
        .Key("occurrences")
        .BeginArray();
    for (const Occurrence& o : g.occurrences) {
      auto tokens = store.Get(docs[o.doc].token_offset, docs[o.doc].tokens);
      w.BeginObject()
          .Key("id")
          .String(docs[o.doc].id)
          .Key("start")
          .Uint(tokens[o.first].begin)
          .Key("end")
          .Uint(tokens[o.end - 1].end)
          .Key("words")
          .Uint(o.end - o.first)
          .EndObject();
    }
    w.EndArray().EndObject();
    DOPPEL_RETURN_IF_ERROR(file.Line(w.str()));
  }
  return file.Commit();
}

// A byte range to cut from a document, and the passage occurrence it repeats.
struct Cut {
  uint32_t start;
  uint32_t end;
  uint64_t passage;
  const Occurrence* first;
};

// Re-reads the inputs and writes each document with its repeated passages
// cut out (all but their first occurrence), and every cut to removed.jsonl.
Status WriteStripped(const std::string& out_dir, const std::vector<io::InputFile>& files,
                     const PassageOptions& o, const std::vector<PassageGroup>& groups,
                     const std::vector<DocInfo>& docs, const TokenStore& store,
                     uint64_t* removed_bytes) {
  std::vector<std::vector<Cut>> cuts(docs.size());
  for (size_t k = 0; k < groups.size(); ++k) {
    const auto& occ = groups[k].occurrences;
    for (size_t i = 1; i < occ.size(); ++i) {  // every occurrence but the first
      auto tokens = store.Get(docs[occ[i].doc].token_offset, docs[occ[i].doc].tokens);
      cuts[occ[i].doc].push_back(
          {tokens[occ[i].first].begin, tokens[occ[i].end - 1].end, k, &occ.front()});
    }
  }
  io::JsonlWriter stripped;
  io::JsonlWriter removed;
  DOPPEL_RETURN_IF_ERROR(stripped.Open(out_dir + "/stripped.jsonl"));
  DOPPEL_RETURN_IF_ERROR(removed.Open(out_dir + "/removed.jsonl"));
  io::ReaderOptions ro;
  ro.input = o.input;
  ro.keep_raw = true;
  io::JsonWriter w;
  simdjson::dom::parser parser;
  auto strip_one = [&](size_t index, io::Document& doc) -> Status {
    std::vector<Cut>& c = cuts[index];
    std::sort(c.begin(), c.end(), [](const Cut& x, const Cut& y) { return x.start < y.start; });
    if (!doc.reject.empty()) {  // kept out of the stripped corpus, but on record
      w.Clear();
      w.BeginObject()
          .Key("id")
          .String(doc.id)
          .Key("rejected")
          .String(io::DocumentLocation(files, doc) + ": " + doc.reject)
          .EndObject();
      DOPPEL_RETURN_IF_ERROR(removed.Line(w.str()));
      return Status::Ok();
    }
    std::string text;
    uint32_t at = 0;
    for (const Cut& cut : c) {
      if (cut.start < at) {  // overlaps an earlier cut: keep what is left of it
        if (cut.end <= at) continue;
      } else {
        text.append(doc.text, at, cut.start - at);
      }
      uint32_t from = std::max(at, cut.start);
      *removed_bytes += cut.end - from;
      const DocInfo& first_doc = docs[cut.first->doc];
      auto first_tokens = store.Get(first_doc.token_offset, first_doc.tokens);
      w.Clear();
      w.BeginObject()
          .Key("id")
          .String(doc.id)
          .Key("start")
          .Uint(from)
          .Key("end")
          .Uint(cut.end)
          .Key("passage")
          .Uint(cut.passage)
          .Key("kept_in")
          .String(first_doc.id)
          .Key("kept_start")
          .Uint(first_tokens[cut.first->first].begin)
          .Key("kept_end")
          .Uint(first_tokens[cut.first->end - 1].end)
          .EndObject();
      DOPPEL_RETURN_IF_ERROR(removed.Line(w.str()));
      at = cut.end;
    }
    text.append(doc.text, at, std::string::npos);
    w.Clear();
    if (files[doc.file].format == io::InputFormat::kJsonl) {
      if (c.empty()) {
        return stripped.Line(doc.raw);
      }
      simdjson::dom::object obj;
      if (parser.parse(doc.raw).get(obj)) return Status::Internal("re-parse failed: " + doc.id);
      w.BeginObject();
      for (auto field : obj) {
        w.Key(field.key);
        if (field.key == o.input.text_field) {
          w.String(text);
        } else {
          w.Raw(simdjson::minify(field.value));
        }
      }
      w.EndObject();
    } else {
      w.BeginObject().Key("id").String(doc.id).Key("text").String(text).EndObject();
    }
    return stripped.Line(w.str());
  };
  DOPPEL_RETURN_IF_ERROR(io::RereadDocuments(files, ro, docs.size(), strip_one));
  DOPPEL_RETURN_IF_ERROR(stripped.Commit());
  return removed.Commit();
}

}  // namespace

Status ValidatePassageOptions(const PassageOptions& o) {
  if (o.seed_words < 1 || o.seed_words > 64) {
    return Status::InvalidArgument("--seed-words must be between 1 and 64");
  }
  if (o.min_words < o.seed_words) {
    return Status::InvalidArgument("--min-words must be at least --seed-words");
  }
  if (o.max_gap < 0) return Status::InvalidArgument("--max-gap must be 0 or more");
  if (o.threads < 0) return Status::InvalidArgument("--threads must be 0 (all cores) or more");
  return Status::Ok();
}

Result<PassageSummary> FindPassages(const std::vector<std::string>& inputs,
                                    const std::string& out_dir, const PassageOptions& o,
                                    RunObserver* observer) {
  DOPPEL_RETURN_IF_ERROR(ValidatePassageOptions(o));
  if (inputs.empty()) return Status::InvalidArgument("no input given");
  auto start = std::chrono::steady_clock::now();
  pipeline::ScratchDir scratch(out_dir);
  const std::string stdin_copy = scratch.File("stdin.jsonl");
  DOPPEL_ASSIGN_OR_RETURN(auto files, io::ExpandInputs(inputs, stdin_copy));
  DOPPEL_RETURN_IF_ERROR(scratch.Create());
  if (std::count(inputs.begin(), inputs.end(), "-") > 0) {
    DOPPEL_RETURN_IF_ERROR(pipeline::CopyStdin(stdin_copy));
  }
  const int threads =
      o.threads > 0 ? o.threads : static_cast<int>(tbb::info::default_concurrency());
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                            static_cast<size_t>(threads));
  PassageSummary summary;
  if (observer != nullptr) observer->OnStage("read");
  TokenStore store;
  DOPPEL_RETURN_IF_ERROR(store.Create(scratch.File("tokens.bin")));
  std::vector<DocInfo> docs;
  std::vector<Seed> seeds;
  DOPPEL_RETURN_IF_ERROR(ReadCorpus(files, o, &store, &docs, &seeds));
  summary.documents = docs.size();
  for (const DocInfo& d : docs) summary.rejected += d.rejected;
  summary.boilerplate_documents = o.boilerplate_documents.value_or(
      static_cast<uint32_t>(std::max<uint64_t>(20, docs.size() / 1000)));

  if (observer != nullptr) observer->OnStage("align");
  std::vector<Hit> hits = SeedHits(&seeds);
  std::vector<Seed>().swap(seeds);
  // Hits of one (x, y) pair are consecutive; each pair is extended alone.
  std::vector<size_t> pair_starts;
  for (size_t i = 0; i < hits.size(); ++i) {
    if (i == 0 || hits[i].x != hits[i - 1].x || hits[i].y != hits[i - 1].y)
      pair_starts.push_back(i);
  }
  pair_starts.push_back(hits.size());
  summary.pairs_aligned = pair_starts.size() - 1;
  AlignOptions ao;
  ao.seed_words = std::min(o.seed_words, 4);
  ao.max_gap = o.max_gap;
  std::vector<std::vector<Repeat>> found(pair_starts.size() - 1);
  tbb::parallel_for(size_t{0}, pair_starts.size() - 1, [&](size_t g) {
    const Hit& first = hits[pair_starts[g]];
    const DocInfo& dx = docs[first.x];
    const DocInfo& dy = docs[first.y];
    std::vector<uint64_t> hx = Hashes(store.Get(dx.token_offset, dx.tokens));
    std::vector<uint64_t> hy = Hashes(store.Get(dy.token_offset, dy.tokens));
    for (size_t h = pair_starts[g]; h < pair_starts[g + 1]; ++h) {
      const Hit& hit = hits[h];
      bool covered = false;
      for (const Repeat& r : found[g])
        covered = covered || (hit.py >= r.y_first && hit.py < r.y_end);
      if (covered) continue;
      AlignedPassage p = ExtendSeed(hx, hy, hit.px, hit.py, ao);
      if (static_cast<int>(std::min(p.a_tokens, p.b_tokens)) < o.min_words) continue;
      found[g].push_back({first.x, first.y, p.a_first_token, p.a_first_token + p.a_tokens,
                          p.b_first_token, p.b_first_token + p.b_tokens});
    }
  });
  std::vector<Hit>().swap(hits);
  std::vector<Repeat> repeats;
  for (auto& f : found) repeats.insert(repeats.end(), f.begin(), f.end());
  std::vector<std::vector<Repeat>>().swap(found);

  if (observer != nullptr) observer->OnStage("write");
  TraceToFirstOccurrence(&repeats, docs.size());
  std::vector<PassageGroup> groups = GroupRepeats(repeats);
  std::vector<uint8_t> has(docs.size(), 0);
  for (const PassageGroup& g : groups) {
    summary.boilerplate_passages += g.documents > summary.boilerplate_documents;
    summary.occurrences += g.occurrences.size();
    for (const Occurrence& x : g.occurrences) has[x.doc] = 1;
  }
  summary.passages = groups.size();
  for (uint8_t h : has) summary.documents_with_passages += h;
  DOPPEL_RETURN_IF_ERROR(WritePassages(out_dir + "/passages.jsonl", groups, docs, store,
                                       summary.boilerplate_documents));
  if (o.strip) {
    DOPPEL_RETURN_IF_ERROR(
        WriteStripped(out_dir, files, o, groups, docs, store, &summary.removed_bytes));
  }
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  io::JsonWriter w(2);
  w.BeginObject()
      .Key("doppel_version")
      .String(DOPPEL_VERSION)
      .Key("documents")
      .BeginObject()
      .Key("read")
      .Uint(summary.documents)
      .Key("rejected")
      .Uint(summary.rejected)
      .Key("with_passages")
      .Uint(summary.documents_with_passages)
      .EndObject()
      .Key("passages")
      .Uint(summary.passages)
      .Key("boilerplate_passages")
      .Uint(summary.boilerplate_passages)
      .Key("occurrences")
      .Uint(summary.occurrences)
      .Key("pairs_aligned")
      .Uint(summary.pairs_aligned)
      .Key("removed_bytes")
      .Uint(summary.removed_bytes)
      .Key("parameters")
      .BeginObject()
      .Key("min_words")
      .Int(o.min_words)
      .Key("seed_words")
      .Int(o.seed_words)
      .Key("max_gap")
      .Int(o.max_gap)
      .Key("boilerplate_documents")
      .Uint(summary.boilerplate_documents)
      .Key("strip")
      .Bool(o.strip)
      .EndObject()
      .Key("run")
      .BeginObject()
      .Key("threads")
      .Int(threads)
      .Key("seconds")
      .Double(summary.seconds)
      .EndObject()
      .EndObject();
  io::AtomicFile stats;
  DOPPEL_RETURN_IF_ERROR(stats.Open(out_dir + "/stats.json"));
  DOPPEL_RETURN_IF_ERROR(stats.Write(w.str() + "\n"));
  DOPPEL_RETURN_IF_ERROR(stats.Commit());
  return summary;
}

}  // namespace doppel
