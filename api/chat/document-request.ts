import type { Language } from '../../domain/constants.ts';
import { textIn } from '../../domain/localized.ts';
import type { KindTexts } from '../db/database.ts';
import type { RequirementRow } from '../documents/documents.repository.ts';
import { labelOf } from '../documents/kind-texts.ts';
import type { MessageDocumentRequest } from '../events/events.schema.ts';

// A document asked for in the conversation is also a message with text: the conversation shows
// it with the document's state and an upload in the reader's language, but an email quotes the
// text, a webhook carries it and an integration reads it, so the text must say it all by itself.
// It is written in the handler's language, as everything the handler writes in the chat is, with
// the widget's words of that language for the conversation and the documents tab.

const ASKED: Readonly<Record<Language, (label: string) => string>> = {
  es: (label) => `Necesitamos este documento: «${label}». Puedes subirlo desde la conversación o desde Documentos.`,
  en: (label) => `We need this document: “${label}”. You can upload it from the conversation or from Documents.`,
  pt: (label) => `Precisamos deste documento: «${label}». Pode carregá-lo a partir da conversa ou em Documentos.`,
  fr: (label) => `Nous avons besoin de ce document : « ${label} ». Vous pouvez l’ajouter depuis la conversation ou depuis Documents.`,
  de: (label) => `Wir benötigen dieses Dokument: „${label}“. Sie können es in der Unterhaltung oder unter Dokumente hochladen.`,
  it: (label) => `Ci serve questo documento: «${label}». Puoi caricarlo dalla conversazione o da Documenti.`,
  ca: (label) => `Necessitem aquest document: «${label}». Pots pujar-lo des de la conversa o des de Documents.`,
};

/** The text of the message that asks for `requirement`: its name, where to upload it, and the handler's note. */
export function requestText(lang: Language | null, requirement: KindTexts<'label'> & Pick<RequirementRow, 'note'>): string {
  const language = lang ?? 'es';
  const asked = ASKED[language](textIn(labelOf(requirement), language));
  return requirement.note === null ? asked : `${asked}\n\n${requirement.note}`;
}

/** The request as a message and its event carry it. */
export function toDocumentRequest(requirement: KindTexts<'label'> & Pick<RequirementRow, 'id' | 'kind' | 'note'>): MessageDocumentRequest {
  return {
    requirementId: requirement.id,
    kind: requirement.kind,
    label: labelOf(requirement),
    note: requirement.note,
  };
}
