import { SOUND_FILES, type SoundName } from './sound-rules.js';

export interface SoundLogEntry {
  sound: SoundName;
  orderId?: string;
  /** Date.now() of the play() attempt. */
  at: number;
}

export interface SoundSettings {
  enabled: boolean;
  volume: number;
  /** Whether an uploaded receipt sounds; absent means it does. */
  receipt?: boolean;
  /** Whether counter notices (gift cards, loyalty) sound; absent means they do. */
  notices?: boolean;
  /** Whether a printer problem (out of paper, cover open…) sounds; absent means it does. */
  printProblems?: boolean;
}

/** Tests read this to see which sounds the board tried to play: `window.__ticketrailSoundLog`. */
function soundLog(): SoundLogEntry[] {
  const scope = globalThis as { __ticketrailSoundLog?: SoundLogEntry[] };
  scope.__ticketrailSoundLog ??= [];
  return scope.__ticketrailSoundLog;
}

/**
 * Plays the board's sounds (SOUND_FILES) from preloaded audio elements. When the browser refuses to play
 * before a user gesture (autoplay policy), it reports `blocked` so the board can ask for a click.
 */
export class SoundPlayer {
  /** Created when first needed: the player is also built where there is no DOM (the agent's first-screen render). */
  private readonly audio: Partial<Record<SoundName, HTMLAudioElement>> = {};
  private readonly urls: Record<SoundName, string>;
  private settings: SoundSettings = { enabled: true, volume: 0.8 };
  private blockedListener: (blocked: boolean) => void = () => undefined;

  constructor(baseUrl: string = document.baseURI) {
    // One URL per entry of SOUND_FILES, so a new sound needs no edit here.
    this.urls = Object.fromEntries(Object.entries(SOUND_FILES).map(([sound, file]) => [sound, new URL(file, baseUrl).toString()])) as Record<SoundName, string>;
  }

  /**
   * Starts loading every sound. The board calls this once its first snapshot is on screen: a
   * loading media element holds back the page's load event, and the downloads would compete
   * with the snapshot for the agent and the network at the board's start.
   */
  preload(): void {
    for (const sound of Object.keys(this.urls) as SoundName[]) this.source(sound);
  }

  /** The sound's element, given its file (which starts loading it) the first time it is needed. */
  private source(sound: SoundName): HTMLAudioElement {
    let element = this.audio[sound];
    if (!element) {
      element = new Audio();
      element.preload = 'auto';
      element.src = this.urls[sound];
      element.load();
      this.audio[sound] = element;
    }
    return element;
  }

  configure(settings: SoundSettings): void {
    this.settings = settings;
  }

  onBlockedChange(listener: (blocked: boolean) => void): void {
    this.blockedListener = listener;
  }

  play(sound: SoundName, orderId?: string): void {
    if (!this.settings.enabled) return;
    soundLog().push({ sound, orderId, at: Date.now() });
    const element = this.source(sound);
    element.volume = Math.min(1, Math.max(0, this.settings.volume));
    element.currentTime = 0;
    element.play().then(
      () => this.blockedListener(false),
      (error: unknown) => {
        if (error instanceof DOMException && error.name === 'NotAllowedError') this.blockedListener(true);
      },
    );
  }

  /** Called from a click: a play() inside a user gesture lifts the autoplay block for the page. */
  unlock(): void {
    const element = this.source('new-order');
    const volume = element.volume;
    element.volume = 0;
    element.play().then(
      () => {
        element.pause();
        element.currentTime = 0;
        element.volume = volume;
        this.blockedListener(false);
      },
      (error: unknown) => {
        element.volume = volume;
        // Any other failure (say, a missing file) still means the gesture lifted the block.
        this.blockedListener(error instanceof DOMException && error.name === 'NotAllowedError');
      },
    );
  }
}
