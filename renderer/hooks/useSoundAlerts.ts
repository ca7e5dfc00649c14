import { useEffect, useState } from 'react';
import type { KitchenApi } from '../../common/kitchen-api.js';
import type { SoundPlayer, SoundSettings } from '../sound/sound-player.js';
import { SoundDedup, soundForAlert } from '../sound/sound-rules.js';

/**
 * Plays a sound for each `alert` update — once per (alert type, order) — and reports whether the
 * browser is blocking sound until the user clicks.
 */
export function useSoundAlerts(api: KitchenApi, player: SoundPlayer, settings: SoundSettings): { blocked: boolean; unlock: () => void } {
  const [blocked, setBlocked] = useState(false);

  useEffect(() => {
    player.onBlockedChange(setBlocked);
  }, [player]);

  useEffect(() => {
    player.configure(settings);
  }, [player, settings]);

  const notices = settings.notices !== false;
  const receipts = settings.receipt !== false;
  const printProblems = settings.printProblems !== false;
  useEffect(() => {
    const dedup = new SoundDedup();
    return api.subscribe((update) => {
      // A counter notice has a sound of its own, once per notice (its id is the event's seq).
      if (update.type === 'notice') {
        if (notices && dedup.shouldPlay('notice', update.notice.id)) player.play('notice');
        return;
      }
      if (update.type !== 'alert') return;
      // The agent sends one per new problem of a printer (out of paper, cover open…): each sounds once.
      if (update.alert === 'printer.problem') {
        if (printProblems) player.play('alert');
        return;
      }
      if (update.alert === 'payment.receipt_uploaded' && !receipts) return;
      if (!dedup.shouldPlay(update.alert, update.orderId ?? update.jobId)) return;
      player.play(soundForAlert(update.alert), update.orderId);
    });
  }, [api, player, notices, receipts, printProblems]);

  return { blocked, unlock: () => player.unlock() };
}
