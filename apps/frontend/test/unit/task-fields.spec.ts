import { createTaskSchema } from '@todo/api-contracts';
import { taskBody } from '../../src/features/tasks/task-fields';

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};

describe('a task form as the API’s body', () => {
  it('turns blanks into none and tag text into a list', () => {
    expect(
      taskBody(
        form({ title: 'Pay rent', description: '  ', tags: 'Home, money, home', dueDate: '' }),
      ),
    ).toEqual({
      title: 'Pay rent',
      description: null,
      priority: 'medium',
      tags: ['home', 'money'],
      dueDate: null,
    });
  });

  it('is refused by the API’s own schema in the API’s words', () => {
    const parsed = createTaskSchema.safeParse(
      taskBody(form({ title: ' ', dueDate: '2027-02-30' })),
    );
    expect(parsed.error?.issues.map((issue) => issue.message)).toEqual([
      'Title is required',
      'Use a date in the form YYYY-MM-DD',
    ]);
  });
});
