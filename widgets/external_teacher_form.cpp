#include "external_teacher_form.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QToolButton>

namespace rd {

namespace {

std::string text(const QLineEdit* edit) {
    return edit->text().trimmed().toStdString();
}

QString stringAt(const nlohmann::json& j, const char* key) {
    return j.is_object() && j.contains(key) && j[key].is_string()
               ? QString::fromStdString(j[key].get<std::string>())
               : QString();
}

}  // namespace

ExternalTeacherForm::ExternalTeacherForm(QWidget* parent) : QWidget(parent) {
    layout_ = new QFormLayout(this);
    layout_->setContentsMargins(0, 0, 0, 0);
    scores_ = addPathRow(
        tr("Scores:"),
        tr("The teacher's scores: a text file of user<TAB>item<TAB>score lines (original ids), "
           "or a .npy users × items matrix with users.txt and items.txt beside it"),
        tr("Teacher scores (*.tsv *.txt *.csv *.npy);;All files (*)"), "externalScores");
    userEmbeddings_ = addPathRow(
        tr("User embeddings:"),
        tr("Optional: the teacher's user embeddings (.npy, rows in the order of users.txt "
           "beside it), for the methods that distil representations (DE, HTD, FTD)"),
        tr("NumPy arrays (*.npy);;All files (*)"), "externalUserEmbeddings");
    itemEmbeddings_ = addPathRow(
        tr("Item embeddings:"),
        tr("Optional: the teacher's item embeddings (.npy, rows in the order of items.txt "
           "beside it); needed together with the user embeddings"),
        tr("NumPy arrays (*.npy);;All files (*)"), "externalItemEmbeddings");
    missing_ = new QComboBox;
    missing_->setObjectName(QStringLiteral("externalMissingUsers"));
    missing_->addItem(tr("refuse the file"), QStringLiteral("refuse"));
    missing_->addItem(tr("skip those users"), QStringLiteral("skip"));
    missing_->setToolTip(
        tr("Users of the data set the file gives no scores: refuse the teacher (listing them), "
           "or train them on the student's own loss alone"));
    connect(missing_, &QComboBox::currentIndexChanged, this, &ExternalTeacherForm::changed);
    layout_->addRow(tr("Users without scores:"), missing_);
    problem_ = new QLabel;
    problem_->setObjectName(QStringLiteral("externalProblem"));
    problem_->setWordWrap(true);
    problem_->setStyleSheet(QStringLiteral("QLabel { color: #b00020; }"));
    layout_->addRow(problem_);
    connect(this, &ExternalTeacherForm::changed, this, &ExternalTeacherForm::updateProblem);
    updateProblem();
}

QLineEdit* ExternalTeacherForm::addPathRow(const QString& label, const QString& tooltip,
                                           const QString& filter, const char* name) {
    auto* edit = new QLineEdit;
    edit->setObjectName(QString::fromLatin1(name));
    edit->setToolTip(tooltip);
    auto* browse = new QToolButton;
    browse->setText(tr("…"));
    browse->setToolTip(tr("Choose a file"));
    connect(browse, &QToolButton::clicked, this, [this, edit, label, filter] {
        const QString path = QFileDialog::getOpenFileName(this, label, edit->text(), filter);
        if (!path.isEmpty()) edit->setText(path);
    });
    connect(edit, &QLineEdit::textChanged, this, &ExternalTeacherForm::changed);
    auto* row = new QHBoxLayout;
    row->addWidget(edit, 1);
    row->addWidget(browse);
    auto* rowLabel = new QLabel(label);
    rowLabel->setToolTip(tooltip);
    rowLabel->setBuddy(edit);
    layout_->addRow(rowLabel, row);
    return edit;
}

nlohmann::json ExternalTeacherForm::values() const {
    nlohmann::json out = nlohmann::json::object();
    out["scores"] = text(scores_);
    if (!text(userEmbeddings_).empty()) out["user_embeddings"] = text(userEmbeddings_);
    if (!text(itemEmbeddings_).empty()) out["item_embeddings"] = text(itemEmbeddings_);
    if (missing_->currentData().toString() != QLatin1String("refuse"))
        out["missing_users"] = missing_->currentData().toString().toStdString();
    return out;
}

void ExternalTeacherForm::setValues(const nlohmann::json& teacher) {
    {
        const QSignalBlocker blocker(this);
        scores_->setText(stringAt(teacher, "scores"));
        userEmbeddings_->setText(stringAt(teacher, "user_embeddings"));
        itemEmbeddings_->setText(stringAt(teacher, "item_embeddings"));
        const int index = missing_->findData(stringAt(teacher, "missing_users"));
        missing_->setCurrentIndex(index < 0 ? 0 : index);
    }
    updateProblem();
    Q_EMIT changed();
}

QString ExternalTeacherForm::problem() const {
    if (text(scores_).empty()) return tr("Choose the teacher's scores file.");
    QStringList missing;
    for (const QLineEdit* edit : {scores_, userEmbeddings_, itemEmbeddings_}) {
        const QString path = edit->text().trimmed();
        if (!path.isEmpty() && !QFileInfo(path).isFile()) missing << path;
    }
    if (!missing.isEmpty()) return tr("No such file: %1").arg(missing.join(QStringLiteral(", ")));
    if (text(userEmbeddings_).empty() != text(itemEmbeddings_).empty())
        return tr("Give both embeddings, or neither.");
    return QString();
}

void ExternalTeacherForm::updateProblem() {
    const QString p = problem();
    problem_->setText(p);
    problem_->setVisible(!p.isEmpty());
}

}  // namespace rd
