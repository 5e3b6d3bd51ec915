import { expect } from '@open-wc/testing';
import { labelled } from './format.ts';

describe('labelled', () => {
  it('writes a label and its value as the language does: French with a no-break space before the colon', () => {
    expect(labelled('Annuler', 'facture.pdf', 'fr-FR')).to.equal('Annuler\u00a0: facture.pdf');
    expect(labelled('Cancelar', 'factura.pdf', 'es-ES')).to.equal('Cancelar: factura.pdf');
    expect(labelled('Cancel', 'invoice.pdf', 'en-GB')).to.equal('Cancel: invoice.pdf');
  });
});
