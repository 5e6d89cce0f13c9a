// Kafka's built-in deserializers (org.apache.kafka.common.serialization.*), as kafka-console-consumer.sh's
// DefaultMessageFormatter uses them for --key-deserializer / --value-deserializer (or the key.deserializer /
// value.deserializer properties): the record's bytes are decoded and printed as Java's toString prints the
// result ("42", "1.5E10", "true", a UUID in lower case). A record the deserializer refuses is an error with
// Kafka's message ("Size of data received by IntegerDeserializer is not 4").
// Difference: ByteArrayDeserializer prints the bytes themselves (Java would print the array's identity, "[B@1b6d3586").
#pragma once

#include <optional>
#include <string>

#include "engine/common/status.h"

namespace partita::cli {

enum class JavaDeserializer { kString, kByteArray, kBytes, kShort, kInteger, kLong, kFloat, kDouble, kBoolean, kUuid,
                              kVoid };

// The deserializer a class name names: Kafka's fully qualified names only, as Java resolves them.
Result<JavaDeserializer> JavaDeserializerNamed(const std::string& class_name);

// A record's key or value (nullopt: null) as the formatter prints it; null stays null.
Result<std::optional<std::string>> Deserialize(JavaDeserializer kind, const std::optional<std::string>& bytes);

// Java's Double.toString / Float.toString: the shortest digits that read back to the same value, plain between
// 10^-3 and 10^7 ("1234.5", "0.001"), else computerized scientific notation ("1.0E7", "1.25E-4").
std::string JavaDoubleString(double value);
std::string JavaFloatString(float value);

}  // namespace partita::cli
