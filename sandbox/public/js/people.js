// Display names of message senders: known ones from the session, others fetched once (as the agent) and cached.
export function createPeopleDirectory({ known, fetchPerson, onResolved }) {
  const names = new Map(known.map((p) => [p.id, p.displayName]));
  const pending = new Set();

  function lookUp(personId) {
    pending.add(personId);
    fetchPerson(personId)
      .then((person) => {
        if (person && person.displayName) {
          names.set(personId, person.displayName);
          onResolved(personId, person.displayName);
        }
      })
      .catch(() => {
        // Keep showing the email: the emulator may hide people outside the agent's org.
      });
  }

  return {
    /** The sender's name when known; otherwise the email for now, and the name once it is fetched. */
    nameOf(message) {
      const name = names.get(message.personId);
      if (name) return name;
      if (message.personId && !pending.has(message.personId)) lookUp(message.personId);
      return message.personEmail || 'Someone';
    },
  };
}
