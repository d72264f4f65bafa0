#include "client/windows/placeholder_page.h"

#include <QLabel>
#include <QVBoxLayout>

namespace callvault::client {

PlaceholderPage::PlaceholderPage(QWidget* parent) : QWidget(parent), m_text(new QLabel(this)) {
    m_text->setAlignment(Qt::AlignCenter);
    m_text->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_text);
}

void PlaceholderPage::setTitle(const QString& title) {
    m_text->setText(tr("%1 is not available in this version of the desktop client yet.").arg(title));
}

}  // namespace callvault::client
