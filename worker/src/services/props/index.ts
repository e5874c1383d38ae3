// Props verbs: storing training runs (model versions + projections).
export { recordTrainingRun, recordTrainingRunInput, type RecordTrainingRunInput, type RecordTrainingRunResult } from './record-training-run.ts';
export { trainAndRecord, type TrainAndRecordInput } from './train-and-record.ts';
