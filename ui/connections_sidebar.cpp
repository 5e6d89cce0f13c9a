#include "ui/connections_sidebar.h"

#include <QAction>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QPointer>
#include <QSettings>
#include <QToolButton>
#include <QVBoxLayout>

#include "app/bridge/schema_registry.h"
#include "ui/dialogs/connect_dialog.h"
#include "ui/dialogs/local_cluster_credentials_dialog.h"
#include "ui/resources.h"

namespace partita::ui {
namespace {

using app::ClusterConnection;

QString stateText(ClusterConnection::State state) {
  switch (state) {
    case ClusterConnection::State::Idle: return ConnectionsSidebar::tr("not started");
    case ClusterConnection::State::Starting: return ConnectionsSidebar::tr("starting…");
    case ClusterConnection::State::Connecting: return ConnectionsSidebar::tr("connecting…");
    case ClusterConnection::State::Connected: return ConnectionsSidebar::tr("connected");
    case ClusterConnection::State::Failed: return ConnectionsSidebar::tr("failed");
    case ClusterConnection::State::Stopped: return ConnectionsSidebar::tr("stopped");
  }
  return {};
}

QString stateIcon(ClusterConnection::State state) {
  switch (state) {
    case ClusterConnection::State::Connected: return QStringLiteral("state-ok");
    case ClusterConnection::State::Starting:
    case ClusterConnection::State::Connecting: return QStringLiteral("state-warning");
    case ClusterConnection::State::Failed: return QStringLiteral("state-offline");
    default: return QStringLiteral("state-stopped");
  }
}

}  // namespace

ConnectionsSidebar::ConnectionsSidebar(bool persistent, QWidget* parent)
    : QWidget(parent),
      m_persistent(persistent),
      m_title(new QLabel(this)),
      m_list(new QListWidget(this)),
      m_keychainNotice(new QLabel(this)),
      m_secrets(new app::ProfileSecrets(this)) {
  setObjectName(QStringLiteral("connectionsSidebar"));
  m_title->setObjectName(QStringLiteral("clustersTitle"));
  QFont f = m_title->font();
  f.setBold(true);
  m_title->setFont(f);
  m_list->setObjectName(QStringLiteral("clustersList"));
  m_list->setFrameShape(QFrame::NoFrame);
  m_list->setIconSize(QSize(14, 14));
  m_list->setContextMenuPolicy(Qt::CustomContextMenu);
  m_list->setStyleSheet(QStringLiteral("QListWidget { background: transparent; }"));
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(14, 6, 8, 8);
  layout->setSpacing(4);
  layout->addWidget(m_title);
  layout->addWidget(m_list, 1);
  // Said plainly where the user looks for the saved clusters, without a modal box at start.
  m_keychainNotice->setObjectName(QStringLiteral("keychainNotice"));
  m_keychainNotice->setWordWrap(true);
  m_keychainNotice->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_keychainNotice->setForegroundRole(QPalette::PlaceholderText);
  m_keychainNotice->hide();
  layout->addWidget(m_keychainNotice);
  connect(m_secrets, &app::ProfileSecrets::unavailable, this, [this](const QString& reason) {
    m_keychainNotice->setText(reason);
    m_keychainNotice->show();
  });
  connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
    emit currentConnectionChanged(row >= 0 && row < m_connections.size() ? m_connections[row] : nullptr);
  });
  connect(m_list, &QListWidget::itemDoubleClicked, this, [this](QListWidgetItem* item) {
    openConnection(m_connections.value(m_list->row(item)));
  });
  connect(m_list, &QListWidget::customContextMenuRequested, this, &ConnectionsSidebar::showContextMenu);
  retranslateUi();
  if (m_persistent) load();
}

void ConnectionsSidebar::setActions(QAction* newLocal, QAction* connectRemote) {
  for (QAction* a : {newLocal, connectRemote}) {
    auto* button = new QToolButton(this);
    button->setDefaultAction(a);
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    button->setAutoRaise(true);
    button->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    layout()->addWidget(button);
  }
}

app::ClusterConnection* ConnectionsSidebar::adopt(ClusterConnection* connection) {
  connection->setParent(this);
  connection->setRefreshInterval(m_refreshMs);
  m_connections << connection;
  m_list->addItem(new QListWidgetItem);
  connect(connection, &ClusterConnection::stateChanged, this, [this, connection] { updateItem(connection); });
  connect(connection->schemaRegistry(), &app::SchemaRegistry::endpointChanged, this, [this, connection] { updateItem(connection); });
  if (connection->kind() == ClusterConnection::Kind::Local && connection->localOptions().secured) {
    // The user needs the credentials to use the cluster with other tools: shown each time it comes up.
    connect(connection, &ClusterConnection::stateChanged, this, [this, connection](ClusterConnection::State state) {
      if (state == ClusterConnection::State::Connected && !connection->property("credentialsShown").toBool()) {
        connection->setProperty("credentialsShown", true);
        showCredentials(connection);
      } else if (state != ClusterConnection::State::Connected) {
        connection->setProperty("credentialsShown", false);
      }
    });
  }
  updateItem(connection);
  save();
  emit connectionAdded(connection);
  return connection;
}

app::ClusterConnection* ConnectionsSidebar::addLocal(const QString& name, const ClusterConnection::LocalOptions& options) {
  ClusterConnection* connection = nullptr;
  for (auto* c : m_connections)
    if (c->kind() == ClusterConnection::Kind::Local && c->localOptions().dataDir == options.dataDir) connection = c;
  if (connection == nullptr) connection = adopt(new ClusterConnection(name, options));
  setCurrentConnection(connection);
  connection->open();
  return connection;
}

app::ClusterConnection* ConnectionsSidebar::addRemote(const QString& name, const QString& bootstrapServers) {
  app::ConnectionProfile profile;
  profile.name = name;
  profile.bootstrapServers = bootstrapServers;
  return addRemote(profile);
}

app::ClusterConnection* ConnectionsSidebar::addRemote(const app::ConnectionProfile& given) {
  app::ConnectionProfile profile = given;
  if (profile.name.isEmpty()) profile.name = profile.bootstrapServers;
  ClusterConnection* connection = nullptr;
  for (auto* c : m_connections) {
    if (c->kind() != ClusterConnection::Kind::Remote) continue;
    const app::ConnectionProfile p = c->profile();
    if (p.bootstrapServers == profile.bootstrapServers && p.security.protocol == profile.security.protocol &&
        p.security.username == profile.security.username)
      connection = c;
  }
  if (connection == nullptr) {
    connection = adopt(new ClusterConnection(profile));
  } else if (!given.name.isEmpty() || connection->profile().security != profile.security) {
    app::ConnectionProfile updated = profile;
    if (given.name.isEmpty()) updated.name = connection->name();
    connection->setProfile(updated);
    save();
  }
  setCurrentConnection(connection);
  connection->open();
  return connection;
}

void ConnectionsSidebar::openConnection(ClusterConnection* connection) {
  if (connection == nullptr) return;
  if (connection->needsPassword()) {
    editConnection(connection);
    if (connection->needsPassword()) return;  // cancelled
  }
  connection->open();
}

void ConnectionsSidebar::editConnection(ClusterConnection* connection) {
  if (connection == nullptr || connection->kind() != ClusterConnection::Kind::Remote) return;
  ConnectDialog dialog(this, ConnectDialog::Mode::Edit);
  dialog.setProfile(connection->profile());
  if (dialog.exec() != QDialog::Accepted) return;
  connection->setProfile(dialog.profile());
  updateItem(connection);
  save();
}

void ConnectionsSidebar::duplicateConnection(ClusterConnection* connection) {
  if (connection == nullptr || connection->kind() != ClusterConnection::Kind::Remote) return;
  ConnectDialog dialog(this);
  app::ConnectionProfile copy = connection->profile();
  copy.name = tr("%1 (copy)").arg(copy.name);
  dialog.setProfile(copy);
  if (dialog.exec() != QDialog::Accepted) return;
  ClusterConnection* added = adopt(new ClusterConnection(dialog.profile()));
  setCurrentConnection(added);
}

void ConnectionsSidebar::removeConnection(ClusterConnection* connection) {
  const qsizetype row = m_connections.indexOf(connection);
  if (row < 0) return;
  m_connections.removeAt(row);
  delete m_list->takeItem(int(row));
  save();
  emit currentConnectionChanged(currentConnection());
  connection->close();
  connection->deleteLater();
}

void ConnectionsSidebar::showCredentials(ClusterConnection* connection) {
  const app::LocalClusterCredentials credentials = connection->localCredentials();
  if (!credentials.isSet()) return;
  auto* dialog = new LocalClusterCredentialsDialog(connection->bootstrapServers(), credentials,
                                                   connection->schemaRegistry()->endpoint().url, this);
  dialog->show();
}

ClusterConnection* ConnectionsSidebar::currentConnection() const {
  const int row = m_list->currentRow();
  return row >= 0 && row < m_connections.size() ? m_connections[row] : nullptr;
}

void ConnectionsSidebar::setCurrentConnection(ClusterConnection* connection) {
  const qsizetype row = m_connections.indexOf(connection);
  if (row >= 0) m_list->setCurrentRow(int(row));
}

void ConnectionsSidebar::setRefreshInterval(int milliseconds) {
  m_refreshMs = milliseconds;
  for (auto* c : m_connections) c->setRefreshInterval(milliseconds);
}

QList<app::ConnectionProfile> ConnectionsSidebar::remoteProfiles() const {
  QList<app::ConnectionProfile> profiles;
  for (auto* c : m_connections)
    if (c->kind() == ClusterConnection::Kind::Remote) profiles.append(c->profile());
  return profiles;
}

QListWidgetItem* ConnectionsSidebar::itemFor(ClusterConnection* connection) const {
  const qsizetype row = m_connections.indexOf(connection);
  return row >= 0 ? m_list->item(int(row)) : nullptr;
}

void ConnectionsSidebar::updateItem(ClusterConnection* connection) {
  QListWidgetItem* item = itemFor(connection);
  if (item == nullptr) return;
  const bool local = connection->kind() == ClusterConnection::Kind::Local;
  item->setText(QStringLiteral("%1\n%2 · %3")
                    .arg(connection->name(), local ? tr("local") : tr("remote"), stateText(connection->state())));
  item->setIcon(icon(stateIcon(connection->state())));
  QString where = local ? connection->localOptions().dataDir : connection->bootstrapServers();
  if (!local && connection->profile().security.protocol != QLatin1String("PLAINTEXT"))
    where += QStringLiteral(" (%1)").arg(connection->profile().security.protocol);
  if (connection->schemaRegistry()->endpoint().isSet())
    where += QLatin1Char('\n') + tr("Schema Registry: %1").arg(connection->schemaRegistry()->endpoint().url);
  item->setToolTip(connection->stateDetail().isEmpty() ? where : where + QLatin1Char('\n') + connection->stateDetail());
}

void ConnectionsSidebar::showContextMenu(const QPoint& pos) {
  QListWidgetItem* item = m_list->itemAt(pos);
  if (item == nullptr) return;
  ClusterConnection* c = m_connections.value(m_list->row(item));
  const bool local = c->kind() == ClusterConnection::Kind::Local;
  const bool running = c->state() == ClusterConnection::State::Connected ||
                       c->state() == ClusterConnection::State::Starting ||
                       c->state() == ClusterConnection::State::Connecting;
  QMenu menu(this);
  QAction* open = menu.addAction(local ? tr("&Start") : tr("&Connect"));
  open->setEnabled(!running);
  QAction* close = menu.addAction(local ? tr("S&top") : tr("&Disconnect"));
  close->setEnabled(running);
  menu.addSeparator();
  QAction* edit = nullptr;
  QAction* duplicate = nullptr;
  if (!local) {
    edit = menu.addAction(tr("&Edit…"));
    duplicate = menu.addAction(tr("D&uplicate…"));
  }
  QAction* credentials = nullptr;
  if (local && c->localOptions().secured) {
    credentials = menu.addAction(tr("Show &Credentials…"));
    credentials->setEnabled(running);
  }
  QAction* remove = menu.addAction(tr("&Remove from List"));
  QAction* chosen = menu.exec(m_list->viewport()->mapToGlobal(pos));
  if (chosen == nullptr) return;
  if (chosen == open) openConnection(c);
  else if (chosen == close) c->close();
  else if (chosen == edit) editConnection(c);
  else if (chosen == duplicate) duplicateConnection(c);
  else if (chosen == credentials) showCredentials(c);
  else if (chosen == remove) removeConnection(c);
}

void ConnectionsSidebar::save() const {
  if (!m_persistent) return;
  QSettings settings(QStringLiteral("Partita"), QStringLiteral("Partita"));
  // Rewritten whole, so a removed entry leaves nothing behind (a remembered password in particular).
  settings.remove(QStringLiteral("clusters"));
  settings.beginWriteArray(QStringLiteral("clusters"));
  for (int i = 0; i < m_connections.size(); ++i) {
    settings.setArrayIndex(i);
    const ClusterConnection* c = m_connections[i];
    const bool local = c->kind() == ClusterConnection::Kind::Local;
    settings.setValue(QStringLiteral("name"), c->name());
    settings.setValue(QStringLiteral("kind"), local ? QStringLiteral("local") : QStringLiteral("remote"));
    if (local) {
      settings.setValue(QStringLiteral("dataDir"), c->localOptions().dataDir);
      settings.setValue(QStringLiteral("brokers"), c->localOptions().brokers);
      settings.setValue(QStringLiteral("basePort"), c->localOptions().basePort);
      settings.setValue(QStringLiteral("secured"), c->localOptions().secured);
    } else {
      const app::ConnectionProfile p = c->profile();
      const app::ConnectionSecurity& sec = p.security;
      settings.setValue(QStringLiteral("bootstrap"), p.bootstrapServers);
      settings.setValue(QStringLiteral("securityProtocol"), sec.protocol);
      settings.setValue(QStringLiteral("saslMechanism"), sec.saslMechanism);
      settings.setValue(QStringLiteral("username"), sec.username);
      settings.setValue(QStringLiteral("caFile"), sec.caFile);
      settings.setValue(QStringLiteral("certFile"), sec.certFile);
      settings.setValue(QStringLiteral("keyFile"), sec.keyFile);
      settings.setValue(QStringLiteral("verifyHostname"), sec.verifyHostname);
      // Passwords never go to this file (syncSecrets files remembered ones in the keychain).
      settings.setValue(QStringLiteral("rememberPassword"), p.rememberPassword);
      settings.setValue(QStringLiteral("schemaRegistryUrl"), p.schemaRegistry.url);
      settings.setValue(QStringLiteral("schemaRegistryUser"), p.schemaRegistry.user);
      settings.setValue(QStringLiteral("schemaRegistryCaFile"), p.schemaRegistry.caFile);
    }
  }
  settings.endArray();
  settings.sync();
  syncSecrets();
}

void ConnectionsSidebar::syncSecrets() const {
  using Secret = app::ProfileSecrets::Secret;
  QHash<QString, QString> wanted;
  for (const ClusterConnection* c : m_connections) {
    if (c->kind() != ClusterConnection::Kind::Remote || !c->profile().rememberPassword) continue;
    const app::ConnectionProfile p = c->profile();
    if (!p.security.password.isEmpty())
      wanted.insert(app::ProfileSecrets::entryKey(p, Secret::SaslPassword), p.security.password);
    if (!p.schemaRegistry.password.isEmpty())
      wanted.insert(app::ProfileSecrets::entryKey(p, Secret::RegistryPassword), p.schemaRegistry.password);
  }
  for (auto it = wanted.cbegin(); it != wanted.cend(); ++it) {
    if (m_keychain.value(it.key()) == it.value()) continue;
    m_keychain.insert(it.key(), it.value());
    ++m_pendingSecrets;
    m_secrets->store(it.key(), it.value(), [this](bool, const QString&) { secretJobDone(); });
  }
  // Entries of profiles removed, renamed to another bootstrap / user, or no longer remembered.
  for (const QString& key : m_keychain.keys()) {
    if (wanted.contains(key)) continue;
    m_keychain.remove(key);
    ++m_pendingSecrets;
    m_secrets->store(key, QString(), [this](bool, const QString&) { secretJobDone(); });
  }
}

void ConnectionsSidebar::fetchSecrets(ClusterConnection* connection) {
  using Secret = app::ProfileSecrets::Secret;
  const app::ConnectionProfile p = connection->profile();
  if (!p.rememberPassword) return;
  QPointer<ClusterConnection> guard(connection);
  for (Secret which : {Secret::SaslPassword, Secret::RegistryPassword}) {
    const bool known = which == Secret::SaslPassword ? !p.security.password.isEmpty() : !p.schemaRegistry.password.isEmpty();
    if (known) continue;  // migrated from the settings file: syncSecrets writes it
    const QString key = app::ProfileSecrets::entryKey(p, which);
    ++m_pendingSecrets;
    m_secrets->fetch(key, [this, guard, which, key](bool found, const QString& secret) {
      if (found && guard) {
        app::ConnectionProfile updated = guard->profile();
        QString& field = which == Secret::SaslPassword ? updated.security.password : updated.schemaRegistry.password;
        if (field.isEmpty() && app::ProfileSecrets::entryKey(updated, which) == key) {
          field = secret;
          m_keychain.insert(key, secret);
          guard->setProfile(updated);
        }
      }
      secretJobDone();
    });
  }
}

void ConnectionsSidebar::secretJobDone() const {
  if (--m_pendingSecrets == 0) emit const_cast<ConnectionsSidebar*>(this)->secretsSettled();
}

void ConnectionsSidebar::load() {
  QSettings settings(QStringLiteral("Partita"), QStringLiteral("Partita"));
  const int n = settings.beginReadArray(QStringLiteral("clusters"));
  QList<ClusterConnection*> loaded;
  for (int i = 0; i < n; ++i) {
    settings.setArrayIndex(i);
    const QString name = settings.value(QStringLiteral("name")).toString();
    if (settings.value(QStringLiteral("kind")).toString() == QLatin1String("local")) {
      ClusterConnection::LocalOptions o;
      o.dataDir = settings.value(QStringLiteral("dataDir")).toString();
      o.brokers = std::clamp(settings.value(QStringLiteral("brokers"), 3).toInt(), 1, 9);
      o.basePort = settings.value(QStringLiteral("basePort"), 0).toInt();
      o.secured = settings.value(QStringLiteral("secured"), false).toBool();
      if (!o.dataDir.isEmpty()) loaded << new ClusterConnection(name, o);
    } else {
      app::ConnectionProfile p;
      p.name = name;
      p.bootstrapServers = settings.value(QStringLiteral("bootstrap")).toString();
      app::ConnectionSecurity& sec = p.security;
      sec.protocol = settings.value(QStringLiteral("securityProtocol"), sec.protocol).toString();
      if (!app::ConnectionSecurity::protocols().contains(sec.protocol)) sec.protocol = QStringLiteral("PLAINTEXT");
      sec.saslMechanism = settings.value(QStringLiteral("saslMechanism"), sec.saslMechanism).toString();
      sec.username = settings.value(QStringLiteral("username")).toString();
      sec.caFile = settings.value(QStringLiteral("caFile")).toString();
      sec.certFile = settings.value(QStringLiteral("certFile")).toString();
      sec.keyFile = settings.value(QStringLiteral("keyFile")).toString();
      sec.verifyHostname = settings.value(QStringLiteral("verifyHostname"), true).toBool();
      p.rememberPassword = settings.value(QStringLiteral("rememberPassword"), false).toBool();
      p.schemaRegistry.url = settings.value(QStringLiteral("schemaRegistryUrl")).toString();
      p.schemaRegistry.user = settings.value(QStringLiteral("schemaRegistryUser")).toString();
      p.schemaRegistry.caFile = settings.value(QStringLiteral("schemaRegistryCaFile")).toString();
      // Versions before the keychain wrote remembered passwords here: taken now, and the save() that adopting
      // the entry does rewrites the file without them and files them in the keychain (migration).
      if (p.rememberPassword) {
        sec.password = settings.value(QStringLiteral("password")).toString();
        p.schemaRegistry.password = settings.value(QStringLiteral("schemaRegistryPassword")).toString();
      }
      if (!p.bootstrapServers.isEmpty()) loaded << new ClusterConnection(p);
    }
  }
  settings.endArray();
  // Saved entries are listed, not started: starting ZooKeeper or dialling out is the user's choice.
  for (auto* c : loaded) {
    adopt(c);
    if (c->kind() == ClusterConnection::Kind::Remote) fetchSecrets(c);
  }
}

void ConnectionsSidebar::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslateUi();
  QWidget::changeEvent(event);
}

void ConnectionsSidebar::retranslateUi() {
  m_title->setText(tr("CLUSTERS"));
  m_list->setToolTip(tr("Double-click to start or connect; right-click for more."));
  if (!m_secrets->available()) m_keychainNotice->setText(m_secrets->unavailableReason());
  for (auto* c : m_connections) updateItem(c);
}

}  // namespace partita::ui
