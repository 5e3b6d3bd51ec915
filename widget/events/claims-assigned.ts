/** The `detail` of `claims-assigned`. */
export interface ClaimsAssignedDetail {
  id: string;
  handler: { id: string; name: string };
}

/** A handler took a claim or reassigned it; `handler` is who has it now. */
export type ClaimsAssignedEvent = CustomEvent<ClaimsAssignedDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'claims-assigned': ClaimsAssignedEvent;
  }
}
