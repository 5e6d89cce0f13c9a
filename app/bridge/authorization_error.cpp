#include "app/bridge/authorization_error.h"

#include <QCoreApplication>

#include "app/bridge/client_factory.h"

namespace partita::app {

AuthorizationFailure authorizationFailureIn(const QString& error) {
  // Kafka's error names (engine/protocol/error_code.cc), as the engine client writes them into its errors.
  static const struct {
    const char* name;
    AuthorizationFailure failure;
  } kNames[] = {
      {"TRANSACTIONAL_ID_AUTHORIZATION_FAILED", AuthorizationFailure::kTransactionalId},
      {"TOPIC_AUTHORIZATION_FAILED", AuthorizationFailure::kTopic},
      {"GROUP_AUTHORIZATION_FAILED", AuthorizationFailure::kGroup},
      {"CLUSTER_AUTHORIZATION_FAILED", AuthorizationFailure::kCluster},
      {"SASL_AUTHENTICATION_FAILED", AuthorizationFailure::kAuthentication},
      {"SECURITY_DISABLED", AuthorizationFailure::kSecurityDisabled},
  };
  AuthorizationFailure found = AuthorizationFailure::kNone;
  qsizetype at = -1;
  for (const auto& n : kNames) {
    const qsizetype i = error.indexOf(QLatin1String(n.name));
    // TRANSACTIONAL_ID_... is listed first: it is not also a TOPIC_..., but keep the earliest mention.
    if (i >= 0 && (at < 0 || i < at)) {
      at = i;
      found = n.failure;
    }
  }
  return found;
}

QString principalOf(const ConnectionSecurity& security) {
  if (security.usesSasl()) return security.username.isEmpty() ? QString() : QStringLiteral("User:") + security.username;
  if (security.usesTls() && !security.certFile.isEmpty()) return QString();  // the certificate's DN
  return QStringLiteral("User:ANONYMOUS");
}

QString principalFor(const QString& bootstrapServers) { return principalOf(registeredSecurity(bootstrapServers)); }

QString authorizationSentence(AuthorizationFailure failure, const QString& principal) {
  // Each sentence comes with the principal when the connection's settings name it, and without otherwise.
  const bool known = !principal.isEmpty();
  auto pick = [&](const QString& named, const QString& unnamed) { return known ? named.arg(principal) : unnamed; };
  auto translate = [](const char* context, const char* text) { return QCoreApplication::translate(context, text); };
  switch (failure) {
    case AuthorizationFailure::kNone:
      return QString();
    case AuthorizationFailure::kTopic:
      return pick(translate("partita::app::AuthorizationError",
                            "The user %1 is not allowed to do this on the topic: the cluster's ACLs do not grant it "
                            "(for example Describe, Read or Write on the topic)."),
                  translate("partita::app::AuthorizationError",
                            "The current user is not allowed to do this on the topic: the cluster's ACLs do not "
                            "grant it (for example Describe, Read or Write on the topic)."));
    case AuthorizationFailure::kGroup:
      return pick(translate("partita::app::AuthorizationError",
                            "The user %1 is not allowed to use or describe this consumer group: the cluster's ACLs "
                            "do not grant Read or Describe on the group."),
                  translate("partita::app::AuthorizationError",
                            "The current user is not allowed to use or describe this consumer group: the cluster's "
                            "ACLs do not grant Read or Describe on the group."));
    case AuthorizationFailure::kCluster:
      return pick(translate("partita::app::AuthorizationError",
                            "The user %1 is not allowed to do this on the cluster: it needs an ACL on the cluster "
                            "resource (for example Describe, Alter or Create)."),
                  translate("partita::app::AuthorizationError",
                            "The current user is not allowed to do this on the cluster: it needs an ACL on the "
                            "cluster resource (for example Describe, Alter or Create)."));
    case AuthorizationFailure::kTransactionalId:
      return pick(translate("partita::app::AuthorizationError",
                            "The user %1 is not allowed to use or describe this transactional id: the cluster's "
                            "ACLs do not grant it."),
                  translate("partita::app::AuthorizationError",
                            "The current user is not allowed to use or describe this transactional id: the "
                            "cluster's ACLs do not grant it."));
    case AuthorizationFailure::kAuthentication:
      return pick(translate("partita::app::AuthorizationError",
                            "The cluster refused the login of %1: check the user name, the password and the SASL "
                            "mechanism of this connection."),
                  translate("partita::app::AuthorizationError",
                            "The cluster refused the login: check the user name, the password and the SASL "
                            "mechanism of this connection."));
    case AuthorizationFailure::kSecurityDisabled:
      return translate("partita::app::AuthorizationError",
                       "The cluster has no authorizer configured (authorizer.class.name is empty), so it keeps no "
                       "ACLs: every client may do everything.");
  }
  return QString();
}

QString errorInWords(const QString& error, const QString& principal) {
  const QString sentence = authorizationSentence(authorizationFailureIn(error), principal);
  return sentence.isEmpty() ? error : sentence + QLatin1Char('\n') + error;
}

QString errorInWordsFor(const QString& error, const QString& bootstrapServers) {
  return errorInWords(error, principalFor(bootstrapServers));
}

}  // namespace partita::app
