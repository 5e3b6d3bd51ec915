import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
//
// Document kinds in Portuguese, French, German, Italian and Catalan besides Spanish and English
// (issue 25): a column per language for a kind's name and help (label_pt, help_pt, … label_ca,
// help_ca), beside label_es/label_en and help_es/help_en. Columns, not a table of translations:
// the languages are a fixed list the code knows (each needs its catalogue and emails as well),
// and every read that names a kind — a checklist, a timeline event, a chat request — is a join
// to document_kinds that then selects a few more columns of the same row, with no second query
// and no grouping of translation rows.
//
// Nullable, and left null for the kinds an operator added: their scripts insert the Spanish and
// English texts only and keep working, and a reader of a language a kind is not written in reads
// the source language their own falls back to. The seeded kinds get their texts in each language
// where their English — the text translated — is still the one seeded: an operator's rewording
// is not given a translation of words it no longer says.

const LANGUAGES = ['pt', 'fr', 'de', 'it', 'ca'] as const;

type Texts = Record<(typeof LANGUAGES)[number], { label: string; help: string }>;

/** The seeded kinds: their English label and help as seeded, and their texts in each language. */
const KINDS: ReadonlyArray<{ code: string; label_en: string; help_en: string; texts: Texts }> = [
  {
    code: 'commercial_invoice',
    label_en: 'Commercial invoice (proof of value)',
    help_en: 'Shows what the goods were worth: your sales invoice or, failing that, the purchase invoice. Every page, legible, with the amounts and the invoice number.',
    texts: {
      pt: {
        label: 'Fatura comercial (comprovativo do valor)',
        help: 'Comprova o valor da mercadoria: a sua fatura de venda ou, na falta dela, a de compra. Todas as páginas, legíveis, com os montantes e o número da fatura.',
      },
      fr: {
        label: 'Facture commerciale (justificatif de valeur)',
        help: 'Elle prouve la valeur de la marchandise : votre facture de vente ou, à défaut, la facture d’achat. Toutes les pages, lisibles, avec les montants et le numéro de facture.',
      },
      de: {
        label: 'Handelsrechnung (Wertnachweis)',
        help: 'Belegt den Wert der Ware: Ihre Verkaufsrechnung oder, falls es keine gibt, die Einkaufsrechnung. Alle Seiten, gut lesbar, mit den Beträgen und der Rechnungsnummer.',
      },
      it: {
        label: 'Fattura commerciale (prova del valore)',
        help: 'Dimostra il valore della merce: la tua fattura di vendita o, in mancanza, quella di acquisto. Tutte le pagine, leggibili, con gli importi e il numero di fattura.',
      },
      ca: {
        label: 'Factura comercial (justificant del valor)',
        help: 'Acredita el valor de la mercaderia: la teva factura de venda o, si no la tens, la de compra. Totes les pàgines, llegibles, amb els imports i el número de factura.',
      },
    },
  },
  {
    code: 'damage_photos',
    label_en: 'Photos of the damaged goods',
    help_en: 'Several photos: the damage up close and the goods as a whole, with a label or reference visible where you can. Taken before anything is repaired or thrown away.',
    texts: {
      pt: {
        label: 'Fotografias da mercadoria danificada',
        help: 'Várias fotografias: o dano de perto e a mercadoria completa, com uma etiqueta ou referência visível, se possível. Tiradas antes de reparar ou deitar fora o que quer que seja.',
      },
      fr: {
        label: 'Photos de la marchandise endommagée',
        help: 'Plusieurs photos : les dégâts de près et la marchandise dans son ensemble, avec une étiquette ou une référence visible si possible. Prises avant toute réparation ou mise au rebut.',
      },
      de: {
        label: 'Fotos der beschädigten Ware',
        help: 'Mehrere Fotos: der Schaden aus der Nähe und die Ware als Ganzes, nach Möglichkeit mit einem sichtbaren Etikett oder einer sichtbaren Referenz. Aufgenommen, bevor etwas repariert oder entsorgt wird.',
      },
      it: {
        label: 'Foto della merce danneggiata',
        help: 'Diverse foto: il danno da vicino e la merce per intero, con un’etichetta o un riferimento visibile, se possibile. Scattate prima di riparare o buttare via qualsiasi cosa.',
      },
      ca: {
        label: 'Fotos de la mercaderia malmesa',
        help: 'Diverses fotos: el dany de prop i la mercaderia sencera, amb una etiqueta o referència visible si és possible. Fetes abans de reparar o llençar res.',
      },
    },
  },
  {
    code: 'packaging_photos',
    label_en: 'Photos of the packaging',
    help_en: 'The packaging as it was delivered: boxes, pallet, film and labels, showing any blow, tear or sign of opening.',
    texts: {
      pt: {
        label: 'Fotografias da embalagem',
        help: 'A embalagem tal como foi entregue: caixas, palete, filme e etiquetas, mostrando pancadas, rasgões ou sinais de abertura.',
      },
      fr: {
        label: 'Photos de l’emballage',
        help: 'L’emballage tel qu’il a été livré : cartons, palette, film et étiquettes, en montrant chocs, déchirures ou traces d’ouverture.',
      },
      de: {
        label: 'Fotos der Verpackung',
        help: 'Die Verpackung im Zustand der Anlieferung: Kartons, Palette, Folie und Etiketten, mit allen Stößen, Rissen oder Spuren einer Öffnung.',
      },
      it: {
        label: 'Foto dell’imballaggio',
        help: 'L’imballaggio così come è stato consegnato: scatole, pallet, film ed etichette, mostrando urti, strappi o segni di apertura.',
      },
      ca: {
        label: 'Fotos de l’embalatge',
        help: 'L’embalatge tal com es va lliurar: caixes, palet, film i etiquetes, mostrant cops, estrips o senyals d’obertura.',
      },
    },
  },
  {
    code: 'delivery_note_reservations',
    label_en: 'Delivery note signed with reservations',
    help_en: 'The delivery note or proof of delivery with the reservations written on it at delivery (for instance "damaged packaging, pending inspection"), signed and dated.',
    texts: {
      pt: {
        label: 'Guia de entrega assinada com reservas',
        help: 'A guia ou comprovativo de entrega com as reservas anotadas no momento da receção (por exemplo «embalagem danificada, sujeito a verificação»), assinada e datada.',
      },
      fr: {
        label: 'Bon de livraison signé avec réserves',
        help: 'Le bon de livraison ou la preuve de livraison portant les réserves inscrites à la réception (par exemple « emballage endommagé, sous réserve de déballage »), signé et daté.',
      },
      de: {
        label: 'Lieferschein mit Vorbehaltsvermerk',
        help: 'Der Lieferschein oder Zustellnachweis mit dem bei der Annahme vermerkten Vorbehalt (zum Beispiel „Verpackung beschädigt, Prüfung vorbehalten“), unterschrieben und datiert.',
      },
      it: {
        label: 'Documento di consegna firmato con riserva',
        help: 'Il documento di trasporto (DDT) o la prova di consegna con le riserve annotate al ricevimento (ad esempio «imballo danneggiato, con riserva di verifica»), firmato e datato.',
      },
      ca: {
        label: 'Albarà de lliurament signat amb reserves',
        help: 'L’albarà o prova de lliurament amb les reserves anotades en rebre’l (per exemple «embalatge malmès, pendent de revisió»), signat i datat.',
      },
    },
  },
  {
    code: 'police_report',
    label_en: 'Police report',
    help_en: 'The report filed with the police, with its number, date and the list of the goods taken. A copy stamped by the police station.',
    texts: {
      pt: {
        label: 'Auto de denúncia',
        help: 'A denúncia apresentada às autoridades policiais, com o respetivo número, a data e a lista da mercadoria subtraída. Cópia carimbada pela esquadra ou pelo posto.',
      },
      fr: {
        label: 'Dépôt de plainte',
        help: 'Le récépissé de la plainte déposée auprès de la police ou de la gendarmerie, avec son numéro, sa date et la liste des marchandises dérobées. Une copie tamponnée par le commissariat ou la brigade.',
      },
      de: {
        label: 'Polizeiliche Anzeige',
        help: 'Die bei der Polizei erstattete Anzeige mit Vorgangsnummer, Datum und der Liste der entwendeten Waren. Eine von der Dienststelle gestempelte Kopie.',
      },
      it: {
        label: 'Denuncia alle forze dell’ordine',
        help: 'La denuncia presentata alla polizia o ai carabinieri, con il numero, la data e l’elenco della merce sottratta. Una copia timbrata dall’ufficio che l’ha ricevuta.',
      },
      ca: {
        label: 'Denúncia policial',
        help: 'La denúncia presentada davant dels Mossos d’Esquadra, la policia o la Guàrdia Civil, amb el número, la data i la relació de mercaderia sostreta. Còpia segellada per la comissaria.',
      },
    },
  },
  {
    code: 'non_delivery_statement',
    label_en: 'Statement of non-delivery (loss declaration)',
    help_en: 'A statement signed by the consignee that the goods never arrived, with the expected delivery date and the shipment reference.',
    texts: {
      pt: {
        label: 'Declaração de não entrega (declaração de extravio)',
        help: 'Declaração assinada pelo destinatário de que a mercadoria não chegou, com a data de entrega prevista e a referência do envio.',
      },
      fr: {
        label: 'Attestation de non-livraison (déclaration de perte)',
        help: 'Une attestation signée par le destinataire indiquant que la marchandise n’est jamais arrivée, avec la date de livraison prévue et la référence de l’expédition.',
      },
      de: {
        label: 'Erklärung über die Nichtzustellung (Verlustanzeige)',
        help: 'Eine vom Empfänger unterschriebene Erklärung, dass die Ware nie angekommen ist, mit dem vorgesehenen Liefertermin und der Referenz der Sendung.',
      },
      it: {
        label: 'Dichiarazione di mancata consegna (dichiarazione di smarrimento)',
        help: 'Una dichiarazione firmata dal destinatario che la merce non è mai arrivata, con la data di consegna prevista e il riferimento della spedizione.',
      },
      ca: {
        label: 'Declaració de no-lliurament (declaració de pèrdua)',
        help: 'Declaració signada pel destinatari que la mercaderia no ha arribat, amb la data de lliurament prevista i la referència de l’enviament.',
      },
    },
  },
  {
    code: 'cmr_consignment_note',
    label_en: 'CMR consignment note',
    help_en: 'The CMR with the carrier’s stamp and the consignee’s signature and remarks (box 24). The consignee’s copy if you have it.',
    texts: {
      pt: {
        label: 'Guia de transporte CMR',
        help: 'O CMR com o carimbo da transportadora e a assinatura e as observações do destinatário (casa 24). A cópia do destinatário, se a tiver.',
      },
      fr: {
        label: 'Lettre de voiture CMR',
        help: 'La lettre de voiture CMR avec le cachet du transporteur, la signature et les observations du destinataire (case 24). L’exemplaire du destinataire si vous l’avez.',
      },
      de: {
        label: 'CMR-Frachtbrief',
        help: 'Der CMR-Frachtbrief mit dem Stempel des Frachtführers sowie der Unterschrift und den Vorbehalten des Empfängers (Feld 24). Das Exemplar des Empfängers, falls Sie es haben.',
      },
      it: {
        label: 'Lettera di vettura CMR',
        help: 'Il CMR con il timbro del corriere e la firma e le osservazioni del destinatario (casella 24). La copia del destinatario, se ce l’hai.',
      },
      ca: {
        label: 'Carta de port CMR',
        help: 'El CMR amb el segell del transportista i la signatura i les observacions del destinatari (casella 24). La còpia del destinatari si la tens.',
      },
    },
  },
  {
    code: 'air_waybill',
    label_en: 'Air waybill',
    help_en: 'The air waybill of the shipment, when it travelled by air: the number on it must match the tracking number.',
    texts: {
      pt: {
        label: 'Carta de porte aéreo (AWB)',
        help: 'A carta de porte aéreo do envio, se viajou por avião: o número que nela consta deve coincidir com o de seguimento.',
      },
      fr: {
        label: 'Lettre de transport aérien (LTA)',
        help: 'La lettre de transport aérien de l’expédition, si elle a voyagé par avion : son numéro doit correspondre au numéro de suivi.',
      },
      de: {
        label: 'Luftfrachtbrief (AWB)',
        help: 'Der Luftfrachtbrief der Sendung, wenn sie per Luftfracht befördert wurde: Seine Nummer muss mit der Sendungsnummer übereinstimmen.',
      },
      it: {
        label: 'Lettera di vettura aerea (AWB)',
        help: 'La lettera di vettura aerea della spedizione, se ha viaggiato in aereo: il suo numero deve coincidere con il codice di tracciamento.',
      },
      ca: {
        label: 'Coneixement aeri (AWB)',
        help: 'El coneixement aeri de l’enviament, si va viatjar per avió: el número ha de coincidir amb el de seguiment.',
      },
    },
  },
  {
    code: 'customs_documents',
    label_en: 'Customs documents',
    help_en: 'The export or import declaration and any customs release, when the shipment left the EU customs territory.',
    texts: {
      pt: {
        label: 'Documentos aduaneiros (DAU)',
        help: 'A declaração de exportação ou de importação (DAU) e a autorização de saída da alfândega, se o envio saiu do território aduaneiro da UE.',
      },
      fr: {
        label: 'Documents douaniers',
        help: 'La déclaration d’exportation ou d’importation et, le cas échéant, la mainlevée douanière, si l’expédition a quitté le territoire douanier de l’UE.',
      },
      de: {
        label: 'Zolldokumente',
        help: 'Die Ausfuhr- oder Einfuhranmeldung und gegebenenfalls die Überlassung durch den Zoll, wenn die Sendung das Zollgebiet der EU verlassen hat.',
      },
      it: {
        label: 'Documenti doganali',
        help: 'La dichiarazione di esportazione o di importazione ed eventualmente lo svincolo doganale, se la spedizione è uscita dal territorio doganale dell’UE.',
      },
      ca: {
        label: 'Documents duaners (DUA)',
        help: 'La declaració d’exportació o d’importació (DUA) i l’aixecament duaner, si l’enviament va sortir del territori duaner de la UE.',
      },
    },
  },
  {
    code: 'bank_account_certificate',
    label_en: 'Bank account certificate',
    help_en: 'Issued by your bank in the last six months, showing the account holder (your company) and the IBAN the compensation will be paid into.',
    texts: {
      pt: {
        label: 'Comprovativo de titularidade da conta bancária',
        help: 'Emitido pelo seu banco nos últimos seis meses, com o titular (a sua empresa) e o IBAN para onde será paga a indemnização.',
      },
      fr: {
        label: 'Relevé d’identité bancaire (RIB)',
        help: 'Délivré par votre banque au cours des six derniers mois, indiquant le titulaire du compte (votre entreprise) et l’IBAN sur lequel l’indemnité sera versée.',
      },
      de: {
        label: 'Bankbestätigung über den Kontoinhaber',
        help: 'In den letzten sechs Monaten von Ihrer Bank ausgestellt, mit dem Kontoinhaber (Ihrem Unternehmen) und der IBAN, auf die die Entschädigung gezahlt wird.',
      },
      it: {
        label: 'Certificato di titolarità del conto bancario',
        help: 'Rilasciato dalla tua banca negli ultimi sei mesi, con l’intestatario (la tua azienda) e l’IBAN su cui verrà pagato l’indennizzo.',
      },
      ca: {
        label: 'Certificat de titularitat bancària',
        help: 'Emès pel teu banc en els darrers sis mesos, amb el titular (la teva empresa) i l’IBAN on s’abonarà la indemnització.',
      },
    },
  },
  {
    code: 'other',
    label_en: 'Other document',
    help_en: 'The handler’s note says what is needed.',
    texts: {
      pt: {
        label: 'Outro documento',
        help: 'A nota do gestor de sinistros indica o que é necessário.',
      },
      fr: {
        label: 'Autre document',
        help: 'La note de votre gestionnaire précise ce qui est nécessaire.',
      },
      de: {
        label: 'Sonstiges Dokument',
        help: 'Der Hinweis der Sachbearbeitung sagt, was benötigt wird.',
      },
      it: {
        label: 'Altro documento',
        help: 'La nota del gestore del sinistro indica cosa serve.',
      },
      ca: {
        label: 'Un altre document',
        help: 'La nota de la gestora indica què cal.',
      },
    },
  },
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const language of LANGUAGES) {
    await db.schema.alterTable('document_kinds').addColumn(`label_${language}`, 'text').execute();
    await db.schema.alterTable('document_kinds').addColumn(`help_${language}`, 'text').execute();
  }
  for (const kind of KINDS) {
    for (const language of LANGUAGES) {
      const { label, help } = kind.texts[language];
      await db.updateTable('document_kinds').set({ [`label_${language}`]: label }).where('code', '=', kind.code).where('label_en', '=', kind.label_en).execute();
      await db.updateTable('document_kinds').set({ [`help_${language}`]: help }).where('code', '=', kind.code).where('help_en', '=', kind.help_en).execute();
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const language of LANGUAGES) {
    await db.schema.alterTable('document_kinds').dropColumn(`label_${language}`).execute();
    await db.schema.alterTable('document_kinds').dropColumn(`help_${language}`).execute();
  }
}
