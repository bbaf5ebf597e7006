/**
 * A pure function of a string key with its answers remembered (the table is cleared when full):
 * for work a hot path repeats with few distinct keys — formatting one start for 20,000 reminders,
 * one session id or room name for 10,000 sockets (one shared string instead of a copy each).
 */
export function remembered<T>(limit: number, compute: (key: string) => T): (key: string) => T {
  const answers = new Map<string, T>();
  return (key) => {
    let answer = answers.get(key);
    if (answer === undefined) {
      answer = compute(key);
      if (answers.size >= limit) answers.clear();
      answers.set(key, answer);
    }
    return answer;
  };
}
