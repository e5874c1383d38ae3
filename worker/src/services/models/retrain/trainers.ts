/** Every model kind's trainer, in the order a retraining pass runs them (cheap and many-slotted first). */
import { gameLinesTrainer } from './game-lines.ts';
import { propsTrainer } from './props.ts';
import { soccerDixonColesTrainer } from './soccer-dc.ts';
import { soccerEnsembleTrainer, soccerModelTrainer } from './soccer-gbdt.ts';
import type { KindTrainer } from './types.ts';

/** One trainer per model kind (MODEL_KINDS); a kind without one would never be retrained. */
export const TRAINERS: readonly KindTrainer[] = [soccerDixonColesTrainer, soccerModelTrainer, soccerEnsembleTrainer, gameLinesTrainer, propsTrainer];
