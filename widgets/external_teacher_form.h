#pragma once

#include <QWidget>

#include <nlohmann/json.hpp>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;

namespace rd {

/**
 * The form of an external teacher (`"teacher": {"name": "external", …}`): the scores file, the
 * optional user and item embeddings (.npy), each with a browse button, and what to do with users
 * the file does not score (refuse or skip). values() writes only what a config needs to say
 * (empty paths and the default "refuse" are left out), so a loaded teacher comes back unchanged.
 * A path that names no file is marked beside it; the config's validator refuses it too, so Run
 * stays disabled.
 */
class ExternalTeacherForm : public QWidget {
    Q_OBJECT

public:
    explicit ExternalTeacherForm(QWidget* parent = nullptr);

    /** {"scores": …, ["user_embeddings", "item_embeddings": …], ["missing_users": "skip"]}. */
    nlohmann::json values() const;
    /** Sets the fields from a teacher object (other keys are ignored); absent ones are cleared. */
    void setValues(const nlohmann::json& teacher);
    QLineEdit* scoresEdit() const { return scores_; }
    QLineEdit* userEmbeddingsEdit() const { return userEmbeddings_; }
    QLineEdit* itemEmbeddingsEdit() const { return itemEmbeddings_; }
    QComboBox* missingUsersBox() const { return missing_; }
    /** What the form marks: empty when every given path exists. */
    QString problem() const;

Q_SIGNALS:
    void changed();

private:
    QLineEdit* addPathRow(const QString& label, const QString& tooltip, const QString& filter,
                          const char* name);
    void updateProblem();

    QLineEdit* scores_ = nullptr;
    QLineEdit* userEmbeddings_ = nullptr;
    QLineEdit* itemEmbeddings_ = nullptr;
    QComboBox* missing_ = nullptr;
    QLabel* problem_ = nullptr;
    QFormLayout* layout_ = nullptr;
};

}  // namespace rd
