import type { Language } from '../../domain/constants.ts';
import type { RequirementRow } from '../documents/documents.repository.ts';
import type { MessageDocumentRequest } from '../events/events.schema.ts';

// A document asked for in the conversation is also a message with text: the conversation shows
// it with the document's state and an upload in the reader's language, but an email quotes the
// text, a webhook carries it and an integration reads it, so the text must say it all by itself.
// It is written in the handler's language, as everything the handler writes in the chat is.

const ASKED: Readonly<Record<Language, (label: string) => string>> = {
  es: (label) => `Necesitamos este documento: «${label}». Puedes subirlo desde la conversación o desde Documentos.`,
  en: (label) => `We need this document: “${label}”. You can upload it from the conversation or from Documents.`,
};

/** The text of the message that asks for `requirement`: its name, where to upload it, and the handler's note. */
export function requestText(lang: Language | null, requirement: Pick<RequirementRow, 'label_en' | 'label_es' | 'note'>): string {
  const language = lang ?? 'es';
  const asked = ASKED[language](language === 'en' ? requirement.label_en : requirement.label_es);
  return requirement.note === null ? asked : `${asked}\n\n${requirement.note}`;
}

/** The request as a message and its event carry it. */
export function toDocumentRequest(requirement: Pick<RequirementRow, 'id' | 'kind' | 'label_en' | 'label_es' | 'note'>): MessageDocumentRequest {
  return {
    requirementId: requirement.id,
    kind: requirement.kind,
    label: { en: requirement.label_en, es: requirement.label_es },
    note: requirement.note,
  };
}
