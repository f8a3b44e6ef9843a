"""boto3 signing with S3's version 2 (signature_version='s3': Authorization: AWS key:signature), path style, against
a Strongroom endpoint (S3SigV2IT). Runs the calls given as JSON in argv[1] and prints each outcome as JSON."""
import json
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

args = json.loads(sys.argv[1])
s3 = boto3.client('s3', endpoint_url=args['endpoint'], region_name='us-east-1',
                  aws_access_key_id=args['key'], aws_secret_access_key=args['secret'],
                  aws_session_token=args.get('token'),
                  config=Config(signature_version='s3', s3={'addressing_style': 'path'},
                                retries={'max_attempts': 1}))
sent = []


def remember(request, **kwargs):
    value = request.headers.get('Authorization', b'')
    sent.append(value.decode() if isinstance(value, bytes) else value)


s3.meta.events.register('before-send.s3', remember)
results = []
for call in args['calls']:
    operation = call.pop('op')
    try:
        answer = getattr(s3, operation)(**call)
        out = {'ok': True}
        if 'Body' in answer:
            out['body'] = answer['Body'].read().decode()
        if operation.startswith('list_objects'):
            out['keys'] = [c['Key'] for c in answer.get('Contents', [])]
        if 'TagSet' in answer:
            out['tags'] = {t['Key']: t['Value'] for t in answer['TagSet']}
    except ClientError as e:
        error = e.response['Error']
        out = {'ok': False, 'code': error.get('Code'), 'status': e.response['ResponseMetadata']['HTTPStatusCode'],
               'message': error.get('Message'), 'stringToSign': error.get('StringToSign')}
    # The scheme and key the signer wrote, never the signature.
    out['authorization'] = sent[-1].split(':')[0] if sent else None
    results.append(out)
print(json.dumps(results))
