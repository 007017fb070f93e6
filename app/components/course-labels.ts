import { t } from "~/i18n";
import "~/i18n/vocabulary";
import type { Audience, Level, Topic } from "~/modules/content/vocabulary";

export const audienceLabel = (audience: Audience) => t(`vocabulary.audience.${audience}`);
export const levelLabel = (level: Level) => t(`vocabulary.level.${level}`);
export const topicLabel = (topic: Topic) => t(`vocabulary.topic.${topic}`);
