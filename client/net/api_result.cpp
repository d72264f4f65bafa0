#include "client/net/api_result.h"

#include <QJsonDocument>

namespace callvault::client {

QJsonObject ApiResult::json() const {
    const QJsonDocument document = QJsonDocument::fromJson(body);
    return document.isObject() ? document.object() : QJsonObject{};
}

}  // namespace callvault::client
