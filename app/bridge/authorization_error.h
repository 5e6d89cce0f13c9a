// Kafka's authorization and authentication failures in words, for every page: a request refused by the cluster's
// ACLs (TOPIC_AUTHORIZATION_FAILED, GROUP_AUTHORIZATION_FAILED, CLUSTER_AUTHORIZATION_FAILED,
// TRANSACTIONAL_ID_AUTHORIZATION_FAILED) or a login it refused (SASL_AUTHENTICATION_FAILED) becomes a sentence
// saying what the current user may not do, naming the principal when the connection's settings tell it, instead
// of an empty table with an error code. The engine client's errors name the Kafka error (cluster_client.cc's
// KafkaError: "<request> on <broker>: TOPIC_AUTHORIZATION_FAILED: ..."), which is what is recognised here; the
// original text stays after the sentence for the details.
// Thread safety: pure functions (principalFor reads client_factory's guarded registry).
#pragma once

#include <QString>

#include "app/bridge/connection_profile.h"

namespace partita::app {

enum class AuthorizationFailure { kNone, kTopic, kGroup, kCluster, kTransactionalId, kAuthentication, kSecurityDisabled };

// The first authorization failure named in an error text (kNone for any other error).
AuthorizationFailure authorizationFailureIn(const QString& error);

// The principal a connection with these settings authenticates as, as Kafka's default principal builder names it:
// "User:<name>" for SASL, "User:ANONYMOUS" for PLAINTEXT and TLS without a client certificate; empty when the
// broker derives it from a client certificate's distinguished name (unknown here).
QString principalOf(const ConnectionSecurity& security);
// principalOf the security registered for `bootstrapServers` (client_factory.h).
QString principalFor(const QString& bootstrapServers);

// The sentence for a failure (empty for kNone); `principal` may be empty.
QString authorizationSentence(AuthorizationFailure failure, const QString& principal);

// `error` unchanged when it is no authorization failure; otherwise the sentence, then the original text.
QString errorInWords(const QString& error, const QString& principal);
// errorInWords with the principal registered for the cluster at `bootstrapServers`: what the pages call.
QString errorInWordsFor(const QString& error, const QString& bootstrapServers);

}  // namespace partita::app
