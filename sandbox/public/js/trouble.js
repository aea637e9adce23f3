// "Simulate Webex trouble": presets that inject faults into the emulator for the bot's and admin's calls (never the
// page's own), and a banner saying what is active. Presets with a count disappear from the emulator once used up.
export const TROUBLE_PRESETS = [
  { id: 'none', label: 'No trouble', faults: [] },
  {
    id: 'rate-once',
    label: 'Rate limited once (429, Retry-After 2 s)',
    explain: 'The next transfer-number read gets 429 with Retry-After: 2. The bot waits and tries again.',
    faults: [{ route: 'transferNumbers.get', status: 429, retryAfter: 2, times: 1 }],
  },
  {
    id: 'rate-many',
    label: 'Rate limited for a while (429 ×5)',
    explain: 'The next 5 transfer-number reads get 429. The bot retries a few times, then says Webex is busy.',
    faults: [{ route: 'transferNumbers.get', status: 429, retryAfter: 1, times: 5 }],
  },
  {
    id: 'expired',
    label: 'Admin token expired (401)',
    explain: 'Reading transfer numbers answers 401 until you pick "No trouble".',
    faults: [{ route: 'transferNumbers.get', status: 401 }],
  },
  {
    id: 'forbidden',
    label: 'Missing permission (403)',
    explain: 'Reading transfer numbers answers 403, as when the admin token lacks the telephony scope. Until cleared.',
    faults: [{ route: 'transferNumbers.get', status: 403 }],
  },
  {
    id: 'outage',
    label: 'Webex outage (503)',
    explain: 'Reading transfer numbers answers 503 until you pick "No trouble".',
    faults: [{ route: 'transferNumbers.get', status: 503 }],
  },
  {
    id: 'slow',
    label: 'Slow Webex (3 s per call)',
    explain: 'Every call the bot makes to Webex takes 3 s longer, so answers take a while. Until cleared.',
    faults: [{ delayMs: 3000 }],
  },
  {
    id: 'drop-once',
    label: 'Dropped connection once',
    explain: 'The next transfer-number read loses its connection without an answer. The bot tries again.',
    faults: [{ route: 'transferNumbers.get', action: 'drop', times: 1 }],
  },
];

function faultIds(listed) {
  const items = Array.isArray(listed) ? listed : (listed && listed.items) || [];
  return new Set(items.map((f) => f.id));
}

export function createTroubleMenu({ select, banner, control }) {
  let active = null; // { preset, ids: string[], usedUp: boolean }

  for (const preset of TROUBLE_PRESETS) {
    const option = document.createElement('option');
    option.value = preset.id;
    option.textContent = preset.label;
    select.append(option);
  }

  function showBanner() {
    banner.replaceChildren();
    if (!active) {
      banner.hidden = true;
      return;
    }
    const text = document.createElement('p');
    text.className = 'banner__text';
    const title = document.createElement('strong');
    title.textContent = active.usedUp ? `Used up: ${active.preset.label}.` : `Simulating: ${active.preset.label}.`;
    text.append(title, document.createTextNode(active.usedUp ? ' Webex answers normally again.' : ` ${active.preset.explain}`));
    const stop = document.createElement('button');
    stop.type = 'button';
    stop.className = 'banner__clear';
    stop.textContent = 'No trouble';
    stop.addEventListener('click', () => void choose('none'));
    banner.append(text, stop);
    banner.classList.toggle('banner--done', active.usedUp);
    banner.hidden = false;
  }

  function showError(err) {
    banner.replaceChildren();
    const text = document.createElement('p');
    text.className = 'banner__text';
    const title = document.createElement('strong');
    title.textContent = 'Could not change the simulated trouble: ';
    text.append(title, document.createTextNode(err && err.message ? err.message : 'the sandbox did not answer'));
    banner.append(text);
    banner.classList.remove('banner--done');
    banner.hidden = false;
  }

  async function choose(presetId) {
    const preset = TROUBLE_PRESETS.find((p) => p.id === presetId) || TROUBLE_PRESETS[0];
    select.value = preset.id;
    select.disabled = true;
    try {
      await control.clearFaults();
      active = null;
      const ids = [];
      for (const fault of preset.faults) ids.push((await control.addFault(fault)).id);
      active = preset.faults.length > 0 ? { preset, ids, usedUp: false } : null;
      showBanner();
    } catch (err) {
      showError(err);
    } finally {
      select.disabled = false;
    }
  }

  select.addEventListener('change', () => void choose(select.value));

  return {
    /** Shows faults that were already set when the page loaded (another tab, a reload), so the menu never lies. */
    async adoptExisting() {
      const ids = [...faultIds(await control.listFaults())];
      if (ids.length === 0 || active) return;
      const preset = {
        id: 'earlier',
        label: 'trouble set earlier',
        explain: `${ids.length} injected fault${ids.length === 1 ? ' is' : 's are'} still active.`,
        faults: [],
      };
      active = { preset, ids, usedUp: false };
      showBanner();
    },
    /** Called on every poll: notices when a counted fault has been used up. */
    async refresh() {
      if (!active || active.usedUp || !active.preset.faults.some((f) => f.times !== undefined)) return;
      const current = faultIds(await control.listFaults());
      if (active && !active.usedUp && active.ids.every((id) => !current.has(id))) {
        active.usedUp = true;
        showBanner();
      }
    },
  };
}
