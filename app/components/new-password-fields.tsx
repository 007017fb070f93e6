import { type FieldMetadata, getInputProps } from "@conform-to/react";
import { t } from "~/i18n";
import "~/i18n/accounts";
import { Field } from "./forms";

/** A new password and its confirmation: the pair the reset and change-password forms share. */
export function NewPasswordFields({
  password,
  confirmPassword,
}: {
  password: FieldMetadata<string>;
  confirmPassword: FieldMetadata<string>;
}) {
  return (
    <>
      <Field
        label={t("auth.newPassword")}
        hint={t("auth.passwordHint")}
        errors={password.errors}
        inputProps={{ ...getInputProps(password, { type: "password" }), autoComplete: "new-password" }}
      />
      <Field
        label={t("auth.confirmPassword")}
        errors={confirmPassword.errors}
        inputProps={{ ...getInputProps(confirmPassword, { type: "password" }), autoComplete: "new-password" }}
      />
    </>
  );
}
