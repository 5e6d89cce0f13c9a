#include "engine/schema_registry/avro_compatibility.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

namespace partita::schema_registry {

const char* AvroIncompatibilityName(AvroIncompatibilityType type) {
  switch (type) {
    case AvroIncompatibilityType::kNameMismatch: return "NAME_MISMATCH";
    case AvroIncompatibilityType::kFixedSizeMismatch: return "FIXED_SIZE_MISMATCH";
    case AvroIncompatibilityType::kMissingEnumSymbols: return "MISSING_ENUM_SYMBOLS";
    case AvroIncompatibilityType::kReaderFieldMissingDefaultValue: return "READER_FIELD_MISSING_DEFAULT_VALUE";
    case AvroIncompatibilityType::kTypeMismatch: return "TYPE_MISMATCH";
    case AvroIncompatibilityType::kMissingUnionBranch: return "MISSING_UNION_BRANCH";
  }
  return "TYPE_MISMATCH";
}

namespace {

class ResolutionChecker {
 public:
  ResolutionChecker(const AvroSchema& reader, const AvroSchema& writer) : reader_(reader), writer_(writer) {}

  std::vector<AvroIncompatibility> Check() {
    Visit(reader_.root(), writer_.root());
    return std::move(found_);
  }

 private:
  // Checks (r, w) and appends what is wrong; returns whether nothing was.
  bool Visit(int r, int w) {
    // A pair already on the stack is a recursive type meeting itself: assume compatible (Avro Java does).
    if (!in_progress_.insert({r, w}).second) return true;
    // A pair known to be compatible has nothing to report. Remembering results keeps union probing
    // polynomial: without it, nested unions of records make the walk exponential in the nesting depth.
    auto known = compatible_.find({r, w});
    if (known != compatible_.end() && known->second) {
      in_progress_.erase({r, w});
      return true;
    }
    const size_t before = found_.size();
    if (++depth_ > kMaxDepth) {
      // Two recursive schemas can pair up their nodes in cycles as long as the product of the cycles; past
      // this depth we refuse (conservatively) instead of risking the stack.
      Report(AvroIncompatibilityType::kTypeMismatch, "schemas nested too deeply to compare");
    } else {
      Compare(r, w);
    }
    --depth_;
    in_progress_.erase({r, w});
    const bool ok = found_.size() == before;
    compatible_[{r, w}] = ok;
    return ok;
  }

  // Like Visit, but into a scratch list: used to probe union branches without reporting.
  bool Probe(int r, int w) {
    if (auto known = compatible_.find({r, w}); known != compatible_.end()) return known->second;
    std::vector<AvroIncompatibility> saved;
    saved.swap(found_);
    std::vector<std::string> saved_path = path_;
    const bool ok = Visit(r, w);
    found_.swap(saved);
    path_ = std::move(saved_path);
    return ok;
  }

  std::string Location() const {
    std::string out;
    for (const std::string& p : path_) out += "/" + p;
    return out.empty() ? "/" : out;
  }

  void Report(AvroIncompatibilityType type, std::string message) {
    found_.push_back({type, Location(), std::move(message)});
  }

  void ReportTypeMismatch(const AvroNode& reader, const AvroNode& writer) {
    Report(AvroIncompatibilityType::kTypeMismatch, "reader type: " + AvroTypeUpperName(reader.type) +
                                                       " not compatible with writer type: " +
                                                       AvroTypeUpperName(writer.type));
  }

  // Avro 1.9+: the unqualified names match, or the reader lists the writer's full name as an alias.
  bool NamesMatch(const AvroNode& reader, const AvroNode& writer) {
    if (reader.ShortName() == writer.ShortName()) return true;
    return std::find(reader.aliases.begin(), reader.aliases.end(), writer.full_name) != reader.aliases.end();
  }

  void CheckName(const AvroNode& reader, const AvroNode& writer) {
    if (NamesMatch(reader, writer)) return;
    path_.push_back("name");
    Report(AvroIncompatibilityType::kNameMismatch, "expected: " + writer.full_name);
    path_.pop_back();
  }

  void Child(const std::string& step, int r, int w) {
    path_.push_back(step);
    Visit(r, w);
    path_.pop_back();
  }

  void Compare(int r, int w) {
    const AvroNode& reader = reader_.node(r);
    const AvroNode& writer = writer_.node(w);
    if (reader.type == writer.type) {
      switch (reader.type) {
        case AvroType::kArray: Child("items", reader.children[0], writer.children[0]); return;
        case AvroType::kMap: Child("values", reader.children[0], writer.children[0]); return;
        case AvroType::kFixed:
          // Like Avro Java, a name mismatch does not stop the rest of the check: all findings are listed.
          CheckName(reader, writer);
          if (reader.size != writer.size) {
            path_.push_back("size");
            Report(AvroIncompatibilityType::kFixedSizeMismatch,
                   "expected: " + std::to_string(writer.size) + ", found: " + std::to_string(reader.size));
            path_.pop_back();
          }
          return;
        case AvroType::kEnum: CompareEnums(reader, writer); return;
        case AvroType::kRecord: CompareRecords(reader, writer); return;
        case AvroType::kUnion: CompareWriterUnion(r, writer); return;
        default: return;  // the same primitive
      }
    }
    // Different types. A writer union is readable when each of its branches is.
    if (writer.type == AvroType::kUnion) {
      CompareWriterUnion(r, writer);
      return;
    }
    // The spec's promotions: int -> long, float, double; long -> float, double; float -> double;
    // string <-> bytes.
    switch (reader.type) {
      case AvroType::kLong:
        if (writer.type == AvroType::kInt) return;
        break;
      case AvroType::kFloat:
        if (writer.type == AvroType::kInt || writer.type == AvroType::kLong) return;
        break;
      case AvroType::kDouble:
        if (writer.type == AvroType::kInt || writer.type == AvroType::kLong || writer.type == AvroType::kFloat) return;
        break;
      case AvroType::kBytes:
        if (writer.type == AvroType::kString) return;
        break;
      case AvroType::kString:
        if (writer.type == AvroType::kBytes) return;
        break;
      case AvroType::kUnion:
        // The first reader branch that can read the writer's type is the one resolution picks.
        for (int branch : reader.children) {
          if (Probe(branch, w)) return;
        }
        Report(AvroIncompatibilityType::kMissingUnionBranch,
               "reader union lacking writer type: " + AvroTypeUpperName(writer.type));
        return;
      default:
        break;
    }
    ReportTypeMismatch(reader, writer);
  }

  void CompareWriterUnion(int r, const AvroNode& writer) {
    for (size_t i = 0; i < writer.children.size(); ++i) Child(std::to_string(i), r, writer.children[i]);
  }

  void CompareEnums(const AvroNode& reader, const AvroNode& writer) {
    CheckName(reader, writer);
    // A writer symbol the reader lacks is an error unless the reader has a default symbol (Avro 1.9+).
    std::vector<std::string> missing;
    for (const std::string& s : writer.symbols) {
      if (std::find(reader.symbols.begin(), reader.symbols.end(), s) == reader.symbols.end()) missing.push_back(s);
    }
    if (missing.empty() || reader.enum_default) return;
    std::sort(missing.begin(), missing.end());  // Avro Java lists them from a TreeSet
    std::string list = "[";
    for (size_t i = 0; i < missing.size(); ++i) list += (i ? ", " : "") + missing[i];
    list += "]";
    path_.push_back("symbols");
    Report(AvroIncompatibilityType::kMissingEnumSymbols, list);
    path_.pop_back();
  }

  // The writer's field for a reader field: by name, else by one of the reader field's aliases.
  static const AvroField* WriterField(const AvroNode& writer, const AvroField& reader_field) {
    auto by_name = [&](const std::string& name) -> const AvroField* {
      for (const AvroField& f : writer.fields) {
        if (f.name == name) return &f;
      }
      return nullptr;
    };
    if (const AvroField* f = by_name(reader_field.name)) return f;
    for (const std::string& alias : reader_field.aliases) {
      if (const AvroField* f = by_name(alias)) return f;
    }
    return nullptr;
  }

  void CompareRecords(const AvroNode& reader, const AvroNode& writer) {
    CheckName(reader, writer);
    // Writer fields the reader lacks are skipped; reader fields the writer lacks need a default.
    path_.push_back("fields");
    for (size_t i = 0; i < reader.fields.size(); ++i) {
      const AvroField& rf = reader.fields[i];
      path_.push_back(std::to_string(i));
      if (const AvroField* wf = WriterField(writer, rf)) {
        Child("type", rf.type, wf->type);
      } else if (!rf.default_value) {
        Report(AvroIncompatibilityType::kReaderFieldMissingDefaultValue, rf.name);
      }
      path_.pop_back();
    }
    path_.pop_back();
  }

  const AvroSchema& reader_;
  const AvroSchema& writer_;
  std::set<std::pair<int, int>> in_progress_;
  std::map<std::pair<int, int>, bool> compatible_;
  static constexpr int kMaxDepth = 1000;
  int depth_ = 0;
  std::vector<std::string> path_;
  std::vector<AvroIncompatibility> found_;
};

}  // namespace

std::vector<AvroIncompatibility> CheckAvroCanRead(const AvroSchema& reader, const AvroSchema& writer) {
  return ResolutionChecker(reader, writer).Check();
}

}  // namespace partita::schema_registry
