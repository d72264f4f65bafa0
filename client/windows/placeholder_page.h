#pragma once

#include <QWidget>

class QLabel;

namespace callvault::client {

/// A page of the manual the desktop client does not offer yet: says so, in the current language.
class PlaceholderPage : public QWidget {
    Q_OBJECT

public:
    explicit PlaceholderPage(QWidget* parent = nullptr);
    /// The page's (translated) title.
    void setTitle(const QString& title);

private:
    QLabel* m_text;
};

}  // namespace callvault::client
