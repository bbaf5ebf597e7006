/**
 * Words of the admin's "new staff account" form, in kk/ru/en (its own table: the admin screens'
 * table stays as it is). Attendees sign up themselves; staff accounts, with their organization,
 * are made here.
 */
import type { Language } from '../api/types';

const en = {
  'new.title': 'New staff account',
  'new.intro':
    'For organizers, moderators and admins. Attendees create their own accounts when they sign up.',
  'new.name': 'Name',
  'new.email': 'E-mail',
  'new.password': 'Password (8 characters or more)',
  'new.language': 'Language',
  'new.zone': 'Time zone',
  'new.roles': 'Roles',
  'new.rolesHint': 'A regional coordinator is made on the account page afterwards, with their regions.',
  'new.organization': 'Organization',
  'new.noOrganization': 'None',
  'new.newOrganization': 'Or a new organization',
  'new.newOrganizationHint': 'Its name: it is created together with the account.',
  'new.organizerNeedsOrg': 'An organizer belongs to an organization: choose one or name a new one.',
  'new.roleNeeded': 'Choose at least one role.',
  'new.required': 'Required.',
  'new.passwordShort': 'At least 8 characters.',
  'new.submit': 'Create the account',
  'new.created': 'Account created: {name}.',
  'new.open': 'Open the account',
  'error.email_taken': 'This e-mail address already has an account.',
  'error.organization_name_taken': 'An organization with this name already exists: choose it in the list.',
} as const;

export type NewAccountKey = keyof typeof en;

const ru: Record<NewAccountKey, string> = {
  'new.title': 'Новая учётная запись сотрудника',
  'new.intro':
    'Для организаторов, модераторов и администраторов. Участники создают учётную запись сами, когда регистрируются.',
  'new.name': 'Имя',
  'new.email': 'Электронная почта',
  'new.password': 'Пароль (не короче 8 символов)',
  'new.language': 'Язык',
  'new.zone': 'Часовой пояс',
  'new.roles': 'Роли',
  'new.rolesHint':
    'Регионального координатора назначают потом, на странице учётной записи, вместе с его регионами.',
  'new.organization': 'Организация',
  'new.noOrganization': 'Без организации',
  'new.newOrganization': 'Или новая организация',
  'new.newOrganizationHint': 'Её название: она будет создана вместе с учётной записью.',
  'new.organizerNeedsOrg': 'Организатор состоит в организации: выберите её или укажите новую.',
  'new.roleNeeded': 'Выберите хотя бы одну роль.',
  'new.required': 'Обязательное поле.',
  'new.passwordShort': 'Не короче 8 символов.',
  'new.submit': 'Создать учётную запись',
  'new.created': 'Учётная запись создана: {name}.',
  'new.open': 'Открыть учётную запись',
  'error.email_taken': 'На этот адрес уже есть учётная запись.',
  'error.organization_name_taken': 'Организация с таким названием уже есть: выберите её в списке.',
};

const kk: Record<NewAccountKey, string> = {
  'new.title': 'Қызметкердің жаңа тіркелгісі',
  'new.intro':
    'Ұйымдастырушылар, модераторлар мен әкімшілер үшін. Қатысушылар тіркелгіні тіркелген кезде өздері ашады.',
  'new.name': 'Аты-жөні',
  'new.email': 'Электрондық пошта',
  'new.password': 'Құпиясөз (кемінде 8 таңба)',
  'new.language': 'Тіл',
  'new.zone': 'Уақыт белдеуі',
  'new.roles': 'Рөлдері',
  'new.rolesHint': 'Өңірлік үйлестіруші кейін, тіркелгі бетінде, өңірлерімен бірге тағайындалады.',
  'new.organization': 'Ұйым',
  'new.noOrganization': 'Ұйымсыз',
  'new.newOrganization': 'Немесе жаңа ұйым',
  'new.newOrganizationHint': 'Атауы: ол тіркелгімен бірге құрылады.',
  'new.organizerNeedsOrg': 'Ұйымдастырушы ұйымға тиесілі: ұйымды таңдаңыз немесе жаңасының атауын жазыңыз.',
  'new.roleNeeded': 'Кемінде бір рөлді таңдаңыз.',
  'new.required': 'Міндетті өріс.',
  'new.passwordShort': 'Кемінде 8 таңба.',
  'new.submit': 'Тіркелгі ашу',
  'new.created': 'Тіркелгі ашылды: {name}.',
  'new.open': 'Тіркелгіні ашу',
  'error.email_taken': 'Бұл мекенжайға тіркелгі бұрыннан бар.',
  'error.organization_name_taken': 'Мұндай атаулы ұйым бұрыннан бар: оны тізімнен таңдаңыз.',
};

export const NEW_ACCOUNT_STRINGS: Record<Language, Record<NewAccountKey, string>> = { kk, ru, en };

export function newAccountText(
  lang: Language,
  key: NewAccountKey,
  vars?: Record<string, string | number>,
): string {
  const s = NEW_ACCOUNT_STRINGS[lang][key] ?? en[key];
  return vars ? s.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : s;
}

/** The message for an API error code this form has words for. */
export function newAccountErrorKey(code: string | undefined): NewAccountKey | undefined {
  const key = `error.${code}`;
  return key in en ? (key as NewAccountKey) : undefined;
}
