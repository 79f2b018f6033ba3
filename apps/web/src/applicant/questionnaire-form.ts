/*
 * The questionnaire's section declarations (questionnaire-sections.ts) turned into form fields and back into the
 * questionnaire JSON, by pure functions. A field's HTML id is its path in the questionnaire with dots as dashes
 * ('addresses.periods.2.to' → 'addresses-periods-2-to'), so the API's problem paths link to the field as they
 * are. Nothing here reads or writes anything but its arguments.
 */
import { questionnaireSections } from '../../../../libs/domain/src';
import type {
  QuestionnaireDraft,
  QuestionnaireProblemCode,
  QuestionnaireSection,
} from '../../../../libs/domain/src';
import { isoDate } from '../audit/audit-filters';
import { govukDate } from '../common/view-filters';
import { sentence } from '../common/web-error.filter';
import { QUESTIONNAIRE_SECTIONS, sectionSpec } from './questionnaire-sections';
import type { FieldSpec, GroupSpec, SectionSpec } from './questionnaire-sections';

/** A section form as posted or as shown: field name → what is (or was) typed. */
export type FormValues = Record<string, string>;

/** One line of a GOV.UK error summary: `href` is `#field-id` (or a page and its anchor). */
export interface FormError {
  text: string;
  href: string;
}

/** A problem as the API reports it: a dotted path, and a code when it comes from the questionnaire rules. */
export interface ProblemAt {
  path: string;
  code?: QuestionnaireProblemCode;
  message: string;
}

type Fields = Record<string, unknown>;

// Rows of one list a form may claim to have: more than any list the API accepts (travel: 300).
const MAX_ROWS = 300;

const idOf = (...parts: (string | number)[]): string =>
  parts
    .filter((part) => part !== '')
    .join('-')
    .replace(/\./g, '-');
const isFields = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const lowerFirst = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1);

/** The value at a dotted path inside `value`, or undefined. */
function getAt(value: unknown, path: string): unknown {
  if (path === '') return value;
  let here: unknown = value;
  for (const key of path.split('.')) {
    if (!isFields(here)) return undefined;
    here = here[key];
  }
  return here;
}

/** Sets the value at a dotted path, making the objects on the way. */
function setAt(target: Fields, path: string, value: unknown): void {
  const keys = path.split('.');
  const last = keys.pop() as string;
  let here = target;
  for (const key of keys) {
    const next = here[key];
    here = isFields(next) ? next : (here[key] = {});
  }
  here[last] = value;
}

/** The id of a list's heading, also the name prefix of its rows: 'addresses-periods', 'referees'. */
export function groupId(spec: SectionSpec, group: GroupSpec): string {
  return idOf(spec.key, group.path);
}

/** The hidden field that says how many rows a list's form holds. */
export function rowsField(spec: SectionSpec, group: GroupSpec): string {
  return `${groupId(spec, group)}-rows`;
}

/** The id (and name) of one field: in row `index` of a list, or of a single group (index null). */
export function fieldId(spec: SectionSpec, group: GroupSpec, index: number | null, field: FieldSpec): string {
  return idOf(spec.key, group.path, index ?? '', field.path);
}

/** The id the error summary links to: a date input's first box, or the field itself (radios: the first). */
function anchorOf(field: FieldSpec, id: string): string {
  return field.kind === 'date' ? `${id}-day` : id;
}

/** The names a field posts: a date's three boxes, an address's two lines, or the one name. */
function namesOf(field: FieldSpec, id: string): string[] {
  if (field.kind === 'date') return [`${id}-day`, `${id}-month`, `${id}-year`];
  if (field.kind === 'addressLines') return [id, `${id}-2`];
  return [id];
}

/** The name of the yes/no question of a section that may be "none" as a whole. */
export function presenceField(spec: SectionSpec): string {
  return `${spec.key}-present`;
}

/** A list's row count: as the form says (bounded), or the saved items with the list's empty rows. */
export function rowCount(spec: SectionSpec, group: GroupSpec, values: FormValues): number {
  const said = Number(values[rowsField(spec, group)]);
  return Number.isInteger(said) && said >= 0 ? Math.min(said, MAX_ROWS) : (group.minItems ?? 0);
}

// ---- the saved section → what the form shows ----

function writeField(field: FieldSpec, value: unknown, id: string, out: FormValues): void {
  if (field.kind === 'date') {
    const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
    if (match) {
      out[`${id}-day`] = String(Number(match[3]));
      out[`${id}-month`] = String(Number(match[2]));
      out[`${id}-year`] = match[1];
    }
  } else if (field.kind === 'yesNo') {
    if (typeof value === 'boolean') out[id] = value ? 'yes' : 'no';
  } else if (field.kind === 'addressLines') {
    const lines = Array.isArray(value)
      ? value.filter((line): line is string => typeof line === 'string')
      : [];
    out[id] = lines[0] ?? '';
    out[`${id}-2`] = lines.slice(1).join(', ');
  } else if (typeof value === 'string' || typeof value === 'number') {
    out[id] = String(value);
  }
}

/** The saved answers of a section (a part of the draft) as the section's form values. */
export function formValuesOf(spec: SectionSpec, saved: unknown): FormValues {
  const out: FormValues = {};
  if (spec.presence) {
    out[presenceField(spec)] = saved === null ? 'no' : isFields(saved) ? 'yes' : '';
  }
  for (const group of spec.groups) {
    const container = getAt(saved, group.path);
    if (group.list) {
      const items = Array.isArray(container) ? (container as unknown[]) : [];
      out[rowsField(spec, group)] = String(Math.max(items.length, group.minItems ?? 0));
      items.forEach((item, index) => {
        for (const field of group.fields) {
          writeField(field, getAt(item, field.path), fieldId(spec, group, index, field), out);
        }
      });
    } else {
      for (const field of group.fields) {
        writeField(field, getAt(container, field.path), fieldId(spec, group, null, field), out);
      }
    }
  }
  return out;
}

// ---- what was posted → the section's answers ----

/** Only the posted strings (a hostile form may post anything). */
export function postedValues(body: unknown): FormValues {
  if (!isFields(body)) return {};
  return Object.fromEntries(
    Object.entries(body).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

function readField(
  field: FieldSpec,
  id: string,
  values: FormValues,
  label: string,
  errors: FormError[],
): unknown {
  const raw = (name: string): string => (values[name] ?? '').trim();
  const refuse = (text: string): null => {
    errors.push({ text: `${label} ${text}`, href: `#${anchorOf(field, id)}` });
    return null;
  };
  switch (field.kind) {
    case 'date': {
      const iso = isoDate({ day: raw(`${id}-day`), month: raw(`${id}-month`), year: raw(`${id}-year`) });
      if (iso === '') return null;
      return iso ?? refuse('must be a real date, for example 27 3 2020');
    }
    case 'yesNo':
      return raw(id) === 'yes' ? true : raw(id) === 'no' ? false : null;
    case 'choice':
      return field.choices?.some((choice) => choice.value === raw(id)) ? raw(id) : null;
    case 'country': {
      const code = raw(id).toUpperCase();
      if (code === '') return null;
      return /^[A-Z]{2}$/.test(code)
        ? code
        : refuse('must be a 2-letter country code, for example GB for the UK');
    }
    case 'amount': {
      const amount = raw(id).replace(/[£,\s]/g, '');
      if (amount === '') return null;
      return /^\d{1,12}$/.test(amount)
        ? Number(amount)
        : refuse('must be a whole number of pounds, for example 1500');
    }
    case 'addressLines':
      return [raw(id), raw(`${id}-2`)].filter((line) => line !== '');
    default:
      return raw(id) === '' ? null : raw(id);
  }
}

/** True when nothing at all was typed in a row (it is left out when the section is saved). */
function blankRow(spec: SectionSpec, group: GroupSpec, index: number, values: FormValues): boolean {
  return group.fields.every((field) =>
    namesOf(field, fieldId(spec, group, index, field)).every((name) => (values[name] ?? '').trim() === ''),
  );
}

function readGroupItem(
  spec: SectionSpec,
  group: GroupSpec,
  index: number | null,
  values: FormValues,
  errors: FormError[],
): Fields {
  const item: Fields = {};
  for (const field of group.fields) {
    const prefix = index === null ? '' : `${group.itemName} ${index + 1}: `;
    const label = `${prefix}${index === null ? field.label : lowerFirst(field.label)}`;
    setAt(item, field.path, readField(field, fieldId(spec, group, index, field), values, label, errors));
  }
  return item;
}

/**
 * A section's answers from its posted form, with what cannot be saved as typed (a date that is not real, a
 * country that is not a code): saved only when `errors` is empty. Rows left wholly blank are dropped (unless
 * `keepBlankRows`: one was just added). `value`
 * undefined means "not answered" (a partner section whose yes/no was not answered).
 */
export function sectionFromForm(
  spec: SectionSpec,
  values: FormValues,
  options: { keepBlankRows?: boolean } = {},
): { value: unknown; errors: FormError[] } {
  const errors: FormError[] = [];
  if (spec.presence) {
    const present = values[presenceField(spec)];
    if (present === 'no') return { value: null, errors };
    if (present !== 'yes') return { value: undefined, errors };
  }
  let value: unknown = undefined;
  for (const group of spec.groups) {
    let answer: unknown;
    if (group.list) {
      const items: Fields[] = [];
      for (let index = 0; index < rowCount(spec, group, values); index += 1) {
        if (options.keepBlankRows || !blankRow(spec, group, index, values)) {
          items.push(readGroupItem(spec, group, index, values, errors));
        }
      }
      answer = items;
    } else {
      answer = readGroupItem(spec, group, null, values, errors);
    }
    if (group.path === '')
      value = group.list ? answer : { ...(isFields(value) ? value : {}), ...(answer as Fields) };
    else {
      const object: Fields = isFields(value) ? value : {};
      setAt(object, group.path, answer);
      value = object;
    }
  }
  return { value, errors };
}

/** The form with a new empty row at the end of the list `listId`. */
export function withRowAdded(spec: SectionSpec, values: FormValues, listId: string): FormValues {
  const group = spec.groups.find((g) => g.list && groupId(spec, g) === listId);
  if (!group) return values;
  return {
    ...values,
    [rowsField(spec, group)]: String(Math.min(rowCount(spec, group, values) + 1, MAX_ROWS)),
  };
}

/** The form without row `index` of the list `listId`: the rows after it move up one. */
export function withRowRemoved(
  spec: SectionSpec,
  values: FormValues,
  listId: string,
  index: number,
): FormValues {
  const group = spec.groups.find((g) => g.list && groupId(spec, g) === listId);
  if (!group) return values;
  const rows = rowCount(spec, group, values);
  if (!Number.isInteger(index) || index < 0 || index >= rows) return values;
  const out: FormValues = { ...values, [rowsField(spec, group)]: String(rows - 1) };
  for (let row = index; row < rows; row += 1) {
    for (const field of group.fields) {
      const here = namesOf(field, fieldId(spec, group, row, field));
      const next = namesOf(field, fieldId(spec, group, row + 1, field));
      here.forEach((name, i) => {
        const moved = row + 1 < rows ? values[next[i]] : undefined;
        if (moved === undefined) delete out[name];
        else out[name] = moved;
      });
    }
  }
  return out;
}

// ---- the form as the page draws it ----

/** One field ready for its GOV.UK macro: `component` names the macro, `params` are its arguments. */
export interface FieldView {
  component: 'input' | 'textarea' | 'dateInput' | 'radios' | 'addressLines';
  params: Record<string, unknown>;
  /** The address's second line, for `addressLines`. */
  second?: Record<string, unknown>;
}

export interface GroupView {
  id: string;
  title?: string;
  hint?: string;
  list: boolean;
  itemName: string;
  rowsField: string;
  rows: number;
  items: { id: string; heading?: string; index: number; fields: FieldView[] }[];
}

export interface SectionFormView {
  presence?: FieldView;
  groups: GroupView[];
}

function fieldView(
  field: FieldSpec,
  id: string,
  values: FormValues,
  errors: Record<string, string>,
): FieldView {
  const error = errors[`#${anchorOf(field, id)}`];
  const common = {
    id,
    name: id,
    label: { text: field.label },
    hint: field.hint ? { text: field.hint } : undefined,
    errorMessage: error ? { text: error } : undefined,
  };
  const value = values[id] ?? '';
  switch (field.kind) {
    case 'date':
      return {
        component: 'dateInput',
        params: {
          id,
          namePrefix: id,
          fieldset: { legend: { text: field.label, classes: 'govuk-fieldset__legend--s' } },
          hint: common.hint,
          errorMessage: common.errorMessage,
          items: (['day', 'month', 'year'] as const).map((part) => ({
            name: part,
            label: part.charAt(0).toUpperCase() + part.slice(1),
            value: values[`${id}-${part}`] ?? '',
            classes: `${part === 'year' ? 'govuk-input--width-4' : 'govuk-input--width-2'}${error ? ' govuk-input--error' : ''}`,
          })),
        },
      };
    case 'yesNo':
    case 'choice': {
      const choices =
        field.kind === 'yesNo'
          ? [
              { value: 'yes', text: 'Yes' },
              { value: 'no', text: 'No' },
            ]
          : (field.choices ?? []);
      return {
        component: 'radios',
        params: {
          idPrefix: id,
          name: id,
          classes:
            field.kind === 'yesNo' ? 'govuk-radios--inline govuk-radios--small' : 'govuk-radios--small',
          fieldset: { legend: { text: field.label, classes: 'govuk-fieldset__legend--s' } },
          hint: common.hint,
          errorMessage: common.errorMessage,
          items: choices.map((choice) => ({ ...choice, checked: value === choice.value })),
        },
      };
    }
    case 'textarea':
      return { component: 'textarea', params: { ...common, rows: 3, value } };
    case 'addressLines':
      return {
        component: 'addressLines',
        params: { ...common, label: { text: `${field.label} line 1` }, value, autocomplete: 'off' },
        second: {
          id: `${id}-2`,
          name: `${id}-2`,
          label: { text: `${field.label} line 2 (optional)` },
          value: values[`${id}-2`] ?? '',
        },
      };
    default:
      return {
        component: 'input',
        params: {
          ...common,
          value,
          classes: field.width,
          type: field.kind === 'email' ? 'email' : field.kind === 'phone' ? 'tel' : 'text',
          spellcheck: false,
          // The answers are about other people as often as about the applicant: never autofill them.
          autocomplete: 'off',
        },
      };
  }
}

/** The section's form as the page draws it, from its values and the field errors (`#id` → text). */
export function sectionFormView(
  spec: SectionSpec,
  values: FormValues,
  errors: Record<string, string> = {},
): SectionFormView {
  const presenceId = presenceField(spec);
  return {
    presence: spec.presence
      ? fieldView({ path: '', label: spec.presence.label, kind: 'yesNo' }, presenceId, values, errors)
      : undefined,
    groups: spec.groups.map((group) => {
      const rows = group.list ? rowCount(spec, group, values) : 1;
      return {
        id: groupId(spec, group),
        title: group.title,
        hint: group.hint,
        list: group.list,
        itemName: group.itemName,
        rowsField: rowsField(spec, group),
        rows,
        items: Array.from({ length: rows }, (_, index) => ({
          id: group.list ? idOf(spec.key, group.path, index) : groupId(spec, group),
          heading: group.list ? `${group.itemName} ${index + 1}` : undefined,
          index,
          fields: group.fields.map((field) =>
            fieldView(field, fieldId(spec, group, group.list ? index : null, field), values, errors),
          ),
        })),
      };
    }),
  };
}

// ---- problems → error summary lines ----

/** Where a problem's path points on its section's page: the field, the list item, or the list. */
function locate(
  path: string,
  specOf: (key: string) => SectionSpec | undefined,
): { spec: SectionSpec; anchor: string; field?: FieldSpec; item?: string } | undefined {
  const [sectionKey = '', ...rest] = path.split('.');
  const spec = specOf(sectionKey);
  if (!spec) return undefined;
  // The longest group path first, so 'identity.nationalities.0' is the nationalities list, not the identity.
  const groups = [...spec.groups].sort((a, b) => b.path.length - a.path.length);
  for (const group of groups) {
    const groupKeys = group.path === '' ? [] : group.path.split('.');
    if (!groupKeys.every((key, i) => rest[i] === key)) continue;
    let after = rest.slice(groupKeys.length);
    let index: number | null = null;
    if (group.list) {
      if (after.length === 0) return { spec, anchor: groupId(spec, group) };
      index = Number(after[0]);
      if (!Number.isInteger(index)) continue;
      after = after.slice(1);
    }
    const item = index === null ? undefined : `${group.itemName} ${index + 1}`;
    const fieldPath = after.join('.');
    const field =
      group.fields.find((f) => f.path === fieldPath) ??
      (fieldPath === '' ? undefined : group.fields.find((f) => f.path.startsWith(`${fieldPath}.`)));
    if (field) return { spec, anchor: anchorOf(field, fieldId(spec, group, index, field)), field, item };
    if (index !== null) return { spec, anchor: idOf(spec.key, group.path, index), item };
  }
  const first = spec.groups[0];
  return { spec, anchor: first ? groupId(spec, first) : spec.key };
}

/** The rules' YYYY-MM-DD dates in a message written as people write them: "1 March 2019". */
export function withGovukDates(message: string): string {
  return message.replace(/\b\d{4}-\d{2}-\d{2}\b/g, (iso) => govukDate(iso) || iso);
}

function problemWords(problem: ProblemAt, field: FieldSpec | undefined): string {
  if (!field) return sentence(withGovukDates(problem.message));
  const label = lowerFirst(field.label);
  switch (problem.code) {
    case 'REQUIRED':
      return field.kind === 'yesNo' || field.kind === 'choice' ? `Answer “${field.label}”` : `Enter ${label}`;
    case 'INVALID_DATE':
      return sentence(`${field.label} must be a real date`);
    case 'FUTURE_DATE':
      return sentence(`${field.label} must be today or in the past`);
    case 'BEFORE_BIRTH':
      return sentence(`${field.label} must be after your date of birth`);
    case 'DATES_OUT_OF_ORDER':
      return sentence(`${field.label} must be the same as or after the start date`);
    case 'INVALID_COUNTRY':
      return sentence(`${field.label} must be a 2-letter country code, for example GB for the UK`);
    default: {
      // The rules' messages start with the field's own key ("postcode … is not a UK postcode").
      const key = problem.path.split('.').pop() ?? '';
      const named = problem.message.startsWith(`${key} `)
        ? `${field.label}${problem.message.slice(key.length)}`
        : problem.message;
      return sentence(withGovukDates(named));
    }
  }
}

/**
 * A problem as an error summary line. `page` is where the link goes: '' for a field on the page being shown,
 * or the section's page ('/application/questionnaire/<section>') from the check your answers page. `specOf`
 * finds the section a path starts with: the questionnaire's by default, the baseline declaration's for its form.
 */
export function problemError(
  problem: ProblemAt,
  page: (section: QuestionnaireSection) => string,
  specOf: (key: string) => SectionSpec | undefined = sectionSpec,
): FormError {
  const place = locate(problem.path, specOf);
  if (!place) return { text: sentence(withGovukDates(problem.message)), href: '#main-content' };
  const words =
    problem.path === place.spec.key && problem.code === 'REQUIRED'
      ? `Answer the questions in “${place.spec.title}”`
      : problemWords(problem, place.field);
  return {
    text: place.item ? `${place.item}: ${lowerFirst(words)}` : words,
    href: `${page(place.spec.key)}#${place.anchor}`,
  };
}

/** The problems that belong to one section. */
export function problemsOf<T extends ProblemAt>(problems: readonly T[], section: QuestionnaireSection): T[] {
  return problems.filter((p) => p.path === section || p.path.startsWith(`${section}.`));
}

// ---- task list and check your answers ----

export type SectionStatus = 'NOT_STARTED' | 'IN_PROGRESS' | 'COMPLETED' | 'NEEDS_CHANGING';

/** The sections an officer's item to fix names, by their words ("Address history: the gap in 2019"). */
export function sectionsNamedIn(item: string): QuestionnaireSection[] {
  const words = item.toLowerCase();
  return QUESTIONNAIRE_SECTIONS.filter(
    (spec) =>
      words.includes(spec.key.toLowerCase()) || spec.keywords.some((keyword) => words.includes(keyword)),
  ).map((spec) => spec.key);
}

/** The JSON of a value with its object keys sorted, to compare saved answers whatever their key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isFields(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * Each section's status on the task list. A section an officer's returned items name "needs changing" until
 * its answers differ from the version they returned (`returned`); otherwise it is not started (nothing saved),
 * in progress (saved, with problems) or completed.
 */
export function sectionStatuses(
  draft: QuestionnaireDraft,
  problems: readonly ProblemAt[],
  returned?: { itemsToFix: readonly string[]; content: QuestionnaireDraft | null },
): Record<QuestionnaireSection, SectionStatus> {
  const named = new Set((returned?.itemsToFix ?? []).flatMap(sectionsNamedIn));
  const saved: Fields = isFields(draft) ? draft : {};
  // Without the returned version to compare with, a named section needs changing until it is resubmitted.
  const returnedContent: Fields | null = isFields(returned?.content) ? returned.content : null;
  return Object.fromEntries(
    questionnaireSections.map((key): [QuestionnaireSection, SectionStatus] => {
      const spec = sectionSpec(key);
      const answer = saved[key];
      if (named.has(key) && (!returnedContent || canonical(answer) === canonical(returnedContent[key]))) {
        return [key, 'NEEDS_CHANGING'];
      }
      const started = answer !== undefined && (answer !== null || spec?.presence !== undefined);
      if (!started) return [key, 'NOT_STARTED'];
      return [key, problemsOf(problems, key).length > 0 ? 'IN_PROGRESS' : 'COMPLETED'];
    }),
  ) as Record<QuestionnaireSection, SectionStatus>;
}

/** One answer in words for the check your answers page. */
function answerWords(field: FieldSpec, value: unknown): string {
  // A draft is stored JSON: anything but a plain value is shown as not answered rather than "[object Object]".
  const plain =
    typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
  if (field.kind === 'addressLines') {
    return Array.isArray(value) && value.length > 0 ? value.map(String).join(', ') : 'Not answered';
  }
  if (plain === '') return 'Not answered';
  switch (field.kind) {
    case 'date':
      return govukDate(plain) || plain;
    case 'yesNo':
      return value === true ? 'Yes' : 'No';
    case 'choice':
      return field.choices?.find((choice) => choice.value === value)?.text ?? plain;
    case 'amount':
      return typeof value === 'number' ? `£${value.toLocaleString('en-GB')}` : plain;
    default:
      return plain;
  }
}

/** A row of the check your answers page: a heading and its answers, label by label. */
export interface AnswerRow {
  key: string;
  answers: { label: string; value: string }[];
}

/** A section's saved answers as rows: a single group's answers, one row per list item, "None" for an empty list. */
export function answerRows(spec: SectionSpec, saved: unknown): AnswerRow[] {
  const rows: AnswerRow[] = [];
  if (spec.presence) {
    const answer = saved === null ? 'No' : isFields(saved) ? 'Yes' : 'Not answered';
    rows.push({ key: spec.presence.label, answers: [{ label: '', value: answer }] });
    if (!isFields(saved)) return rows;
  }
  for (const group of spec.groups) {
    const container = getAt(saved, group.path);
    const answersOf = (item: unknown): AnswerRow['answers'] =>
      group.fields.map((field) => ({
        label: field.label,
        value: answerWords(field, getAt(item, field.path)),
      }));
    if (!group.list) {
      rows.push(
        ...answersOf(container).map((answer) => ({ key: answer.label, answers: [{ ...answer, label: '' }] })),
      );
    } else if (Array.isArray(container) && container.length > 0) {
      container.forEach((item, index) =>
        rows.push({ key: `${group.itemName} ${index + 1}`, answers: answersOf(item) }),
      );
    } else {
      rows.push({ key: group.title ?? group.itemName, answers: [{ label: '', value: 'None' }] });
    }
  }
  return rows;
}
