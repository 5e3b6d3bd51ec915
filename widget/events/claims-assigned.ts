/** A handler took a claim or reassigned it; `handler` is who has it now. */
export type ClaimsAssignedEvent = CustomEvent<{ id: string; handler: { id: string; name: string } }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'claims-assigned': ClaimsAssignedEvent;
  }
}
