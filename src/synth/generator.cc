#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "doppel/synth.h"

namespace doppel {
namespace {

// Random numbers with a portable definition (std distributions are not).
class Rng {
 public:
  explicit Rng(uint64_t seed) : engine_(seed) {}
  uint64_t Below(uint64_t n) { return engine_() % n; }
  int Between(int lo, int hi) {
    return lo + static_cast<int>(Below(static_cast<uint64_t>(hi - lo + 1)));
  }
  double Unit() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  bool Chance(double p) { return Unit() < p; }
  double Normal() {  // Box-Muller
    double u = std::max(Unit(), 1e-300);
    return std::sqrt(-2.0 * std::log(u)) * std::cos(2 * M_PI * Unit());
  }

 private:
  std::mt19937_64 engine_;
};

std::string Utf8(uint32_t cp) {
  std::string s;
  if (cp < 0x80) {
    s.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    s.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    s.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    s.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    s.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    s.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
  return s;
}

struct Script {
  const char* name;
  bool spaced;                    // words separated by spaces
  std::vector<uint32_t> letters;  // syllable material
  const char* full_stop;
};

std::vector<Script> MakeScripts() {
  auto range = [](uint32_t lo, uint32_t hi) {
    std::vector<uint32_t> v;
    for (uint32_t c = lo; c <= hi; ++c) v.push_back(c);
    return v;
  };
  return {
      {"latin", true, range('a', 'z'), "."},          {"cyrillic", true, range(0x430, 0x44F), "."},
      {"greek", true, range(0x3B1, 0x3C9), "."},      {"arabic", true, range(0x628, 0x64A), "."},
      {"devanagari", true, range(0x915, 0x939), "।"}, {"han", false, range(0x4E00, 0x4FFF), "。"},
      {"thai", false, range(0xE01, 0xE2E), " "},
  };
}

// A Zipf-distributed vocabulary of pseudo-words in one script.
class Vocabulary {
 public:
  Vocabulary(const Script& script, Rng& rng, size_t size) : script_(script) {
    for (size_t i = 0; i < size; ++i) {
      int letters = script.spaced ? rng.Between(2, 9) : rng.Between(1, 3);
      std::string w;
      for (int k = 0; k < letters; ++k) w += Utf8(script.letters[rng.Below(script.letters.size())]);
      words_.push_back(w);
    }
    double sum = 0;
    for (size_t i = 0; i < size; ++i) {
      sum += 1.0 / std::pow(static_cast<double>(i + 1), 1.05);
      cumulative_.push_back(sum);
    }
    for (double& c : cumulative_) c /= sum;
  }
  const std::string& Draw(Rng& rng) const {
    double u = rng.Unit();
    size_t i = static_cast<size_t>(std::lower_bound(cumulative_.begin(), cumulative_.end(), u) -
                                   cumulative_.begin());
    return words_[std::min(i, words_.size() - 1)];
  }
  const Script& script() const { return script_; }

 private:
  const Script& script_;
  std::vector<std::string> words_;
  std::vector<double> cumulative_;
};

// The code points of a UTF-8 string, each as its own string.
std::vector<std::string> CodePoints(const std::string& s) {
  std::vector<std::string> out;
  for (size_t k = 0; k < s.size();) {
    size_t len = 1;
    while (k + len < s.size() && (static_cast<unsigned char>(s[k + len]) & 0xC0) == 0x80) ++len;
    out.push_back(s.substr(k, len));
    k += len;
  }
  return out;
}

using Paragraph = std::vector<std::string>;  // sentences

struct Page {
  std::string title;
  std::vector<Paragraph> paragraphs;
  std::vector<std::string> header;
  std::vector<std::string> footer;
  size_t script = 0;
};

struct Site {
  std::string name;
  std::string nav;
  std::string share;
  std::vector<std::string> footer;
};

class Generator {
 public:
  explicit Generator(const SynthOptions& o) : o_(o), rng_(o.seed), scripts_(MakeScripts()) {
    for (const Script& s : scripts_) vocab_.emplace_back(s, rng_, 6000);
    web_ = &vocab_[0];
    for (int i = 0; i < o.sites; ++i) sites_.push_back(MakeSite());
  }

  std::vector<SynthDocument> Build() {
    std::vector<Made> made;
    std::vector<size_t> bases;
    uint64_t cluster = 0;
    while (made.size() < o_.documents) {
      Page base = BasePage();
      SynthDocument doc;
      doc.role = "base";
      doc.cluster = cluster;
      doc.script = scripts_[base.script].name;
      if (!bases.empty() && rng_.Chance(o_.quote_rate)) {
        const Made& from = made[bases[rng_.Below(bases.size())]];
        const auto& pars = from.page.paragraphs;
        base.paragraphs.insert(
            base.paragraphs.begin() + static_cast<long>(rng_.Below(base.paragraphs.size() + 1)),
            pars[rng_.Below(pars.size())]);
        doc.ops.push_back("quote");
        doc.source = std::to_string(from.index);
      }
      doc.text = Render(base);
      bases.push_back(made.size());
      made.push_back({base, doc, made.size()});
      if (rng_.Chance(o_.dup_rate)) {
        int copies = rng_.Between(o_.min_copies, o_.max_copies);
        size_t first = made.size() - 1;
        for (int c = 0; c < copies && made.size() < o_.documents; ++c) {
          size_t src = (c > 0 && rng_.Chance(0.25)) ? made.size() - 1 : first;
          Made copy = Copy(made[src].page, made[src].doc.text);
          copy.doc.cluster = cluster;
          copy.doc.role = "copy";
          copy.doc.script = made[src].doc.script;
          copy.doc.source = std::to_string(src);
          copy.index = made.size();
          made.push_back(std::move(copy));
        }
      }
      ++cluster;
    }
    // Shuffle, then name documents by their final position.
    std::vector<size_t> order(made.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng_.Below(i)]);
    std::vector<std::string> name(made.size());
    for (size_t pos = 0; pos < order.size(); ++pos) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "syn%08zu", pos);
      name[order[pos]] = buf;
    }
    std::vector<SynthDocument> out;
    for (size_t i : order) {
      SynthDocument d = std::move(made[i].doc);
      d.id = name[i];
      if (!d.source.empty()) d.source = name[std::stoul(d.source)];
      out.push_back(std::move(d));
    }
    return out;
  }

 private:
  std::string Words(const Vocabulary& v, int n) {
    std::string s;
    for (int i = 0; i < n; ++i) {
      if (i > 0 && v.script().spaced) s.push_back(' ');
      s += v.Draw(rng_);
    }
    return s;
  }

  std::string Sentence(const Vocabulary& v) {
    std::string s = Words(v, rng_.Between(6, 22));
    if (v.script().spaced && !s.empty() && s[0] >= 'a' && s[0] <= 'z')
      s[0] = static_cast<char>(s[0] - 32);
    if (rng_.Chance(0.2) && v.script().spaced) s.insert(s.find(' ') + 1, "\"");
    return s + v.script().full_stop;
  }

  Site MakeSite() {
    Site s;
    s.name = "The " + Words(*web_, 2) + " " + Words(*web_, 1);
    s.nav = "Home";
    for (int i = rng_.Between(4, 9); i > 0; --i) s.nav += " | " + Words(*web_, 1);
    s.share = "Share this: " + Words(*web_, rng_.Between(3, 6));
    if (rng_.Chance(0.4)) {
      s.footer.push_back(
          "We use cookies to improve your experience. By continuing you agree to our use of "
          "cookies.");
    }
    s.footer.push_back("(c) " + std::to_string(rng_.Between(2005, 2025)) + " " + s.name +
                       ". All rights reserved.");
    std::string legal = Words(*web_, 2);
    for (int i = rng_.Between(2, 5); i > 0; --i) legal += " | " + Words(*web_, 2);
    s.footer.push_back(legal);
    return s;
  }

  void Wrap(Page* p) {
    const Site& s = sites_[rng_.Below(sites_.size())];
    p->header = {s.name, s.nav};
    if (rng_.Chance(0.5)) p->header.push_back("Posted by " + Words(*web_, 2));
    p->footer = {s.share};
    if (rng_.Chance(0.5)) p->footer.push_back("Related: " + Words(*web_, rng_.Between(5, 9)));
    p->footer.insert(p->footer.end(), s.footer.begin(), s.footer.end());
  }

  Page BasePage() {
    Page p;
    p.script = 0;
    if (rng_.Chance(o_.non_latin_rate)) p.script = 1 + rng_.Below(scripts_.size() - 1);
    const Vocabulary& v = vocab_[p.script];
    p.title = Words(v, rng_.Between(4, 9));
    double target = std::exp(std::log(o_.median_words) + 0.6 * rng_.Normal());
    int words = std::clamp(static_cast<int>(target), 40, 2000);
    int total = 0;
    while (total < words) {
      Paragraph par;
      for (int k = rng_.Between(1, 5); k > 0 && total < words; --k) {
        par.push_back(Sentence(v));
        total += 14;
      }
      p.paragraphs.push_back(par);
    }
    if (rng_.Chance(o_.boilerplate_rate)) Wrap(&p);
    return p;
  }

  static std::string Render(const Page& p) {
    std::string out;
    auto block = [&](const std::string& b) {
      if (!out.empty()) out += "\n\n";
      out += b;
    };
    for (const auto& h : p.header) block(h);
    block(p.title);
    for (const auto& par : p.paragraphs) {
      std::string text;
      for (const auto& s : par) text += (text.empty() ? "" : " ") + s;
      block(text);
    }
    for (const auto& f : p.footer) block(f);
    return out;
  }

  // Word-level edits at `rate` of the words of spaced scripts, or of the
  // characters of unspaced ones.
  void Edit(Page* p, std::vector<std::string>* ops) {
    const Vocabulary& v = vocab_[p->script];
    double rate = std::exp(std::log(0.003) + rng_.Unit() * (std::log(0.06) - std::log(0.003)));
    bool sub = false, typo = false, del = false, ins = false;
    for (auto& par : p->paragraphs) {
      for (auto& sentence : par) {
        std::vector<std::string> words;
        size_t start = 0;
        const std::string sep = v.script().spaced ? " " : "";
        if (v.script().spaced) {
          for (size_t k; (k = sentence.find(' ', start)) != std::string::npos; start = k + 1) {
            words.push_back(sentence.substr(start, k - start));
          }
          words.push_back(sentence.substr(start));
        } else {  // one "word" per code point
          words = CodePoints(sentence);
        }
        for (size_t i = 0; i < words.size(); ++i) {
          if (!rng_.Chance(rate)) continue;
          double r = rng_.Unit();
          if (r < 0.4) {
            words[i] = v.Draw(rng_);
            sub = true;
          } else if (r < 0.55 && v.script().spaced && CodePoints(words[i]).size() > 3) {
            std::vector<std::string> cps = CodePoints(words[i]);
            std::swap(cps[1], cps[2]);
            words[i].clear();
            for (const auto& cp : cps) words[i] += cp;
            typo = true;
          } else if (r < 0.8 && words.size() > 1) {
            words.erase(words.begin() + static_cast<long>(i));
            del = true;
          } else {
            words.insert(words.begin() + static_cast<long>(i), v.Draw(rng_));
            ins = true;
          }
        }
        std::string joined;
        for (size_t i = 0; i < words.size(); ++i) joined += (i ? sep : "") + words[i];
        sentence = joined;
      }
    }
    if (sub) ops->push_back("substitute");
    if (typo) ops->push_back("typo");
    if (del) ops->push_back("delete");
    if (ins) ops->push_back("insert");
  }

  struct Made {
    Page page;
    SynthDocument doc;
    size_t index;
  };

  Made Copy(const Page& src, const std::string& src_text) {
    Made m;
    m.page = src;
    std::vector<std::string>& ops = m.doc.ops;
    if (rng_.Chance(0.08)) {
      m.doc.text = src_text;
      ops.push_back("exact");
      return m;
    }
    Page& p = m.page;
    if (rng_.Chance(0.12) && p.paragraphs.size() > 1) {
      size_t keep = std::max<size_t>(
          1, static_cast<size_t>(p.paragraphs.size() * (0.5 + 0.45 * rng_.Unit())));
      p.paragraphs.resize(keep);
      ops.push_back("truncate");
    }
    if (rng_.Chance(0.2) && p.paragraphs.size() > 2) {
      size_t a = rng_.Below(p.paragraphs.size());
      size_t b = rng_.Below(p.paragraphs.size());
      std::swap(p.paragraphs[a], p.paragraphs[b]);
      ops.push_back("reorder");
    }
    if (rng_.Chance(0.55)) Edit(&p, &ops);
    if (rng_.Chance(0.05)) {
      Page other = BasePage();
      size_t at = rng_.Below(other.paragraphs.size() + 1);
      other.paragraphs.insert(other.paragraphs.begin() + static_cast<long>(at),
                              p.paragraphs.begin(), p.paragraphs.end());
      other.script = p.script;
      p = other;
      ops.push_back("contain");
    }
    if (rng_.Chance(0.7) || ops.empty()) {
      p.header.clear();
      p.footer.clear();
      if (rng_.Chance(0.9)) Wrap(&p);
      ops.push_back("boilerplate");
    }
    std::string text = Render(p);
    if (rng_.Chance(0.15)) {
      std::string curly;
      bool open = true;
      for (char c : text) {
        if (c == '"') {
          curly += open ? "\u201C" : "\u201D";
          open = !open;
        } else {
          curly.push_back(c);
        }
      }
      text = curly;
      ops.push_back("typography");
    }
    if (rng_.Chance(0.2)) {
      for (size_t k = 0; (k = text.find("\n\n", k)) != std::string::npos;) text.erase(k, 1);
      ops.push_back("whitespace");
    }
    m.doc.text = text;
    return m;
  }

  const SynthOptions& o_;
  Rng rng_;
  std::vector<Script> scripts_;
  std::vector<Vocabulary> vocab_;
  const Vocabulary* web_;
  std::vector<Site> sites_;
};

}  // namespace

std::vector<SynthDocument> GenerateCorpus(const SynthOptions& options) {
  return Generator(options).Build();
}

}  // namespace doppel
