#pragma once

#include "common/roles/role.h"

#include <QCoreApplication>
#include <QString>

namespace callvault::client {

/// The roles of §27 in the current language.
class RoleNames {
    Q_DECLARE_TR_FUNCTIONS(RoleNames)

public:
    static QString name(Role role) {
        switch (role) {
            case Role::Admin:
                return tr("Admin");
            case Role::Manager:
                return tr("Manager");
            case Role::Supervisor:
                return tr("Supervisor");
            case Role::Agent:
                return tr("Agent");
            case Role::Provider:
                return tr("Provider");
        }
        return {};
    }
};

}  // namespace callvault::client
